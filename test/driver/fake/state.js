// The fake CLI's storage, laid out as the real file backend and stack settings files are:
// <backend>/.pulumi/stacks/<project>/<stack>.json, <backend>/.pulumi/locks/…, <cwd>/Pulumi.<stack>.yaml.
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const YAML = require("yaml");

class Fail extends Error {
  constructor(stderr, stdout = "", code = 255) {
    super(stderr);
    this.stderr = stderr;
    this.stdout = stdout;
    this.code = code;
  }
}

function backendDir() {
  const url = process.env.PULUMI_BACKEND_URL ?? "";
  if (!url.startsWith("file://")) {
    throw new Fail(`error: fake pulumi only emulates a file:// backend; PULUMI_BACKEND_URL is ${JSON.stringify(url)}`);
  }
  const dir = url.slice("file://".length);
  if (!fs.existsSync(dir)) {
    throw new Fail(`error: problem logging in: unable to open bucket ${url}: stat ${dir}: no such file or directory`);
  }
  return dir;
}

function project() {
  return YAML.parse(fs.readFileSync(path.join(process.cwd(), "Pulumi.yaml"), "utf8")).name;
}

const stateFile = (stack) => path.join(backendDir(), ".pulumi", "stacks", project(), `${stack}.json`);
const lockDir = (stack) => path.join(backendDir(), ".pulumi", "locks", "organization", project(), stack);
const settingsFile = (stack) => path.join(process.cwd(), `Pulumi.${stack}.yaml`);

function exists(stack) {
  return fs.existsSync(stateFile(stack));
}

function requireStack(stack) {
  if (!exists(stack)) {
    throw new Fail(`error: no stack named '${stack}' found`);
  }
}

function readState(stack) {
  return JSON.parse(fs.readFileSync(stateFile(stack), "utf8"));
}

function writeState(stack, state) {
  fs.mkdirSync(path.dirname(stateFile(stack)), { recursive: true });
  fs.writeFileSync(stateFile(stack), JSON.stringify(state, null, 2));
}

function readSettings(stack) {
  const file = settingsFile(stack);
  return fs.existsSync(file) ? (YAML.parse(fs.readFileSync(file, "utf8")) ?? {}) : {};
}

function writeSettings(stack, settings) {
  fs.writeFileSync(settingsFile(stack), YAML.stringify(settings));
}

/** Takes the stack's lock as the real CLI does for an update, failing as it does when held. */
function lock(stack) {
  const dir = lockDir(stack);
  const held = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (held.length > 0) {
    throw new Fail(
      `error: the stack is currently locked by ${held.length} lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.\n` +
        `  file://${path.join(dir, held[0])}: created by fake@localhost (pid 4242) at 2024-01-01T00:00:00Z`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${crypto.randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify({ pid: process.pid }));
  return () => fs.rmSync(file, { force: true });
}

function locks(stack) {
  const dir = lockDir(stack);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}

// Secrets: a passphrase-derived key, as the passphrase secrets provider does (not its exact format).
function passphrase() {
  if (process.env.PULUMI_CONFIG_PASSPHRASE !== undefined) {
    return process.env.PULUMI_CONFIG_PASSPHRASE;
  }
  if (process.env.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined) {
    return fs.readFileSync(process.env.PULUMI_CONFIG_PASSPHRASE_FILE, "utf8").trim();
  }
  throw new Fail(
    "error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables",
  );
}

const check = (pass, salt) => crypto.createHmac("sha256", pass).update(salt).digest("base64");

function newSalt() {
  const salt = crypto.randomBytes(8).toString("base64");
  return `v1:${salt}:v1:${check(passphrase(), salt)}`;
}

function keyOf(stack) {
  const salt = readSettings(stack).encryptionsalt;
  if (!salt) {
    throw new Fail(`error: fake pulumi: Pulumi.${stack}.yaml has no encryptionsalt (was the stack initialised?)`);
  }
  const [, s, , c] = salt.split(":");
  const pass = passphrase();
  if (check(pass, s) !== c) {
    throw new Fail(
      "error: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase or set PULUMI_CONFIG_PASSPHRASE_FILE to a file containing the passphrase",
    );
  }
  return crypto.createHash("sha256").update(`${pass}:${s}`).digest();
}

function encrypt(stack, text) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyOf(stack), iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${iv.toString("base64")}:${body.toString("base64")}`;
}

function decrypt(stack, secure) {
  const [, iv, body] = secure.split(":");
  const data = Buffer.from(body, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyOf(stack), Buffer.from(iv, "base64"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
}

const isSecure = (v) => typeof v === "object" && v !== null && typeof v.secure === "string";

/** The stack's config as the program would receive it: secrets decrypted (needs the passphrase). */
function plainConfig(stack) {
  const config = readSettings(stack).config ?? {};
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, isSecure(v) ? decrypt(stack, v.secure) : v]));
}

/** The config with secrets masked, for the invocation log. */
function maskedConfig(stack) {
  const config = readSettings(stack).config ?? {};
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, isSecure(v) ? "[secure]" : v]));
}

module.exports = {
  Fail,
  exists,
  requireStack,
  readState,
  writeState,
  readSettings,
  writeSettings,
  lock,
  locks,
  newSalt,
  encrypt,
  isSecure,
  plainConfig,
  maskedConfig,
  decrypt,
};
