// The fake CLI's storage, laid out as the real file backend and stack settings files are:
// <backend>/.pulumi/stacks/<project>/<stack>.json, <backend>/.pulumi/locks/…, <cwd>/Pulumi.<stack>.yaml.
// Each function takes the invocation `proc` (see cli.js): its environment, working directory, pid.
"use strict";

const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
// Loaded on first use: as a process, `version`, `stack select` and `stack history` start without it.
const YAML = {
  parse: (text) => structuredClone(parsed(text)),
  stringify: (value) => require("yaml").stringify(value),
};

/** Parsed settings files by their text: one command reads the same file several times. */
const parsedTexts = new Map();

function parsed(text) {
  if (!parsedTexts.has(text)) {
    parsedTexts.clear();
    parsedTexts.set(text, require("yaml").parse(text));
  }
  return parsedTexts.get(text);
}

class Fail extends Error {
  constructor(stderr, stdout = "", code = 255) {
    super(stderr);
    this.stderr = stderr;
    this.stdout = stdout;
    this.code = code;
  }
}

function backendDir(proc) {
  const url = proc.env.PULUMI_BACKEND_URL ?? "";
  if (!url.startsWith("file://")) {
    throw new Fail(`error: fake pulumi only emulates a file:// backend; PULUMI_BACKEND_URL is ${JSON.stringify(url)}`);
  }
  const dir = url.slice("file://".length);
  if (!fs.existsSync(dir)) {
    throw new Fail(`error: problem logging in: unable to open bucket ${url}: stat ${dir}: no such file or directory`);
  }
  return dir;
}

/** The project's name: the top-level `name:` of Pulumi.yaml. */
function project(proc) {
  const text = fs.readFileSync(path.join(proc.cwd, "Pulumi.yaml"), "utf8");
  return /^name:\s*(\S+)\s*$/m.exec(text)?.[1];
}

const stateFile = (proc, stack) => path.join(backendDir(proc), ".pulumi", "stacks", project(proc), `${stack}.json`);
const lockDir = (proc, stack) => path.join(backendDir(proc), ".pulumi", "locks", "organization", project(proc), stack);
const settingsFile = (proc, stack) => path.join(proc.cwd, `Pulumi.${stack}.yaml`);

function exists(proc, stack) {
  return fs.existsSync(stateFile(proc, stack));
}

function requireStack(proc, stack) {
  if (!exists(proc, stack)) {
    throw new Fail(`error: no stack named '${stack}' found`);
  }
}

function readState(proc, stack) {
  return JSON.parse(fs.readFileSync(stateFile(proc, stack), "utf8"));
}

function writeState(proc, stack, state) {
  fs.mkdirSync(path.dirname(stateFile(proc, stack)), { recursive: true });
  fs.writeFileSync(stateFile(proc, stack), JSON.stringify(state, null, 2));
}

function readSettings(proc, stack) {
  const file = settingsFile(proc, stack);
  return fs.existsSync(file) ? (YAML.parse(fs.readFileSync(file, "utf8")) ?? {}) : {};
}

function writeSettings(proc, stack, settings) {
  fs.writeFileSync(settingsFile(proc, stack), YAML.stringify(settings));
}

/** Takes the stack's lock as the real CLI does for an update, failing as it does when held. */
function lock(proc, stack) {
  const dir = lockDir(proc, stack);
  const held = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
  if (held.length > 0) {
    throw new Fail(
      `error: the stack is currently locked by ${held.length} lock(s). Either wait for the other process(es) to end or delete the lock file with \`pulumi cancel\`.\n` +
        `  file://${path.join(dir, held[0])}: created by fake@localhost (pid 4242) at 2024-01-01T00:00:00Z`,
    );
  }
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${crypto.randomUUID()}.json`);
  fs.writeFileSync(file, JSON.stringify({ pid: proc.pid }));
  return () => fs.rmSync(file, { force: true });
}

function locks(proc, stack) {
  const dir = lockDir(proc, stack);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => path.join(dir, f)) : [];
}

// Secrets: a passphrase-derived key, as the passphrase secrets provider does (not its exact format).
function passphrase(proc) {
  if (proc.env.PULUMI_CONFIG_PASSPHRASE !== undefined) {
    return proc.env.PULUMI_CONFIG_PASSPHRASE;
  }
  if (proc.env.PULUMI_CONFIG_PASSPHRASE_FILE !== undefined) {
    return fs.readFileSync(proc.env.PULUMI_CONFIG_PASSPHRASE_FILE, "utf8").trim();
  }
  throw new Fail(
    "error: passphrase must be set with PULUMI_CONFIG_PASSPHRASE or PULUMI_CONFIG_PASSPHRASE_FILE environment variables",
  );
}

const check = (pass, salt) => crypto.createHmac("sha256", pass).update(salt).digest("base64");

function newSalt(proc) {
  const salt = crypto.randomBytes(8).toString("base64");
  return `v1:${salt}:v1:${check(passphrase(proc), salt)}`;
}

function keyOf(proc, stack) {
  const salt = readSettings(proc, stack).encryptionsalt;
  if (!salt) {
    throw new Fail(`error: fake pulumi: Pulumi.${stack}.yaml has no encryptionsalt (was the stack initialised?)`);
  }
  const [, s, , c] = salt.split(":");
  const pass = passphrase(proc);
  if (check(pass, s) !== c) {
    throw new Fail(
      "error: incorrect passphrase, please set PULUMI_CONFIG_PASSPHRASE to the correct passphrase or set PULUMI_CONFIG_PASSPHRASE_FILE to a file containing the passphrase",
    );
  }
  return crypto.createHash("sha256").update(`${pass}:${s}`).digest();
}

function encrypt(proc, stack, text) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyOf(proc, stack), iv);
  const body = Buffer.concat([cipher.update(text, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1:${iv.toString("base64")}:${body.toString("base64")}`;
}

function decrypt(proc, stack, secure) {
  const [, iv, body] = secure.split(":");
  const data = Buffer.from(body, "base64");
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyOf(proc, stack), Buffer.from(iv, "base64"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
}

const isSecure = (v) => typeof v === "object" && v !== null && typeof v.secure === "string";

/** The stack's config as the program would receive it: secrets decrypted (needs the passphrase). */
function plainConfig(proc, stack) {
  const config = readSettings(proc, stack).config ?? {};
  return Object.fromEntries(
    Object.entries(config).map(([k, v]) => [k, isSecure(v) ? decrypt(proc, stack, v.secure) : v]),
  );
}

/** The config with secrets masked, for the invocation log. */
function maskedConfig(proc, stack) {
  const config = readSettings(proc, stack).config ?? {};
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
