// Editing a YAML-shaped config by key path, e.g. `consumers[0].taskDefinition.cpu`, the same
// path the validator names in its messages (without the namespace).

import { NAMESPACE } from "../../infra/config/keys";

type Container = Record<string, unknown> | unknown[];

function steps(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (m === null) {
      throw new Error(`bad path ${path}`);
    }
    out.push(m[1], ...[...m[2].matchAll(/\[(\d+)\]/g)].map((i) => Number(i[1])));
  }
  return out;
}

/** Sets the value at `path` (undefined deletes it) in place; returns the config for chaining. */
export function setAt(config: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const [first, ...rest] = steps(path);
  const keys: (string | number)[] = [`${NAMESPACE}:${String(first)}`, ...rest];
  let target = config as Container;
  keys.slice(0, -1).forEach((k, i) => {
    const holder = target as Record<string | number, unknown>;
    if (holder[k] === undefined) {
      // A missing optional object (e.g. `secret`) is created, so that a key inside it can be set.
      holder[k] = typeof keys[i + 1] === "number" ? [] : {};
    }
    const next = holder[k];
    if (typeof next !== "object" || next === null) {
      throw new Error(`${String(k)} on the way to ${path} is not an object`);
    }
    target = next as Container;
  });
  const last = keys[keys.length - 1];
  if (value === undefined) {
    if (Array.isArray(target)) {
      target.splice(Number(last), 1);
    } else {
      delete target[last];
    }
  } else {
    (target as Record<string | number, unknown>)[last] = value;
  }
  return config;
}

/** The value at `path`. */
export function getAt(config: Record<string, unknown>, path: string): unknown {
  const [first, ...rest] = steps(path);
  let value: unknown = config[`${NAMESPACE}:${String(first)}`];
  for (const k of rest) {
    value = (value as Record<string | number, unknown> | undefined)?.[k];
  }
  return value;
}
