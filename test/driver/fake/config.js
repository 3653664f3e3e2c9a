// The fake CLI's config commands and update history, in the shapes the real CLI prints.
"use strict";

const S = require("./state");

function setConfig(proc, stack, key, value, secret) {
  const settings = S.readSettings(proc, stack);
  settings.config = { ...settings.config, [key]: secret ? { secure: S.encrypt(proc, stack, value) } : value };
  S.writeSettings(proc, stack, settings);
}

function configEntry(value, showSecrets) {
  const secret = S.isSecure(value);
  const v = typeof value === "string" ? value : JSON.stringify(value);
  return secret ? { value: showSecrets ? value.plain : "[secret]", secret } : { value: v, secret };
}

function configJson(proc, stack, showSecrets) {
  const settings = S.readSettings(proc, stack).config ?? {};
  const plain = showSecrets ? S.plainConfig(proc, stack) : {};
  return Object.fromEntries(
    Object.entries(settings).map(([k, v]) => [
      k,
      configEntry(S.isSecure(v) ? { ...v, plain: plain[k] } : v, showSecrets),
    ]),
  );
}

/** An update summary as `stack history --json` gives it; secrets are kept masked in the state. */
function summary(proc, kind, stack, resourceChanges) {
  const now = new Date().toISOString();
  const config = Object.fromEntries(
    Object.entries(S.maskedConfig(proc, stack)).map(([k, v]) => [k, { value: v, secret: v === "[secure]" }]),
  );
  return {
    version: 1,
    kind,
    startTime: now,
    endTime: now,
    message: "",
    environment: {},
    config,
    result: "succeeded",
    resourceChanges,
  };
}

/** History as printed: secret values shown only with --show-secrets, as the real CLI does. */
function showHistory(proc, stack, history, showSecrets) {
  const plain = showSecrets ? S.plainConfig(proc, stack) : {};
  const show = (k, v) => (v.secret ? { value: showSecrets ? plain[k] : "[secret]", secret: true } : v);
  return history.map((h) => ({
    ...h,
    config: Object.fromEntries(Object.entries(h.config).map(([k, v]) => [k, show(k, v)])),
  }));
}

module.exports = { setConfig, configJson, summary, showHistory };
