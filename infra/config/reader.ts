import { Problems } from "./problems";
import { Rule } from "./rules";

/** Reads one config object, naming every value by its full key and reporting unknown keys. */
export class ObjectReader {
  private constructor(
    readonly problems: Problems,
    /** Fully qualified key of this object, e.g. `rds-secret-share:owner`. */
    readonly key: string,
    private readonly value: Readonly<Record<string, unknown>>,
  ) {}

  /**
   * A reader for `value` when it is an object with only `keys`; otherwise the problem is
   * recorded, with `description` as what is allowed, and the result is undefined. Unknown keys
   * are reported, the rest is still read.
   */
  static of(
    problems: Problems,
    key: string,
    value: unknown,
    keys: readonly string[],
    description = `an object with keys ${keys.join(", ")}`,
  ): ObjectReader | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return problems.add(key, value, description);
    }
    const reader = new ObjectReader(problems, key, value as Record<string, unknown>);
    for (const name of Object.keys(value)) {
      if (!keys.includes(name)) {
        const received = (value as Record<string, unknown>)[name];
        problems.addNamed(reader.keyOf(name), name, received, `no such key; ${key} takes ${keys.join(", ")}`);
      }
    }
    return reader;
  }

  keyOf(name: string): string {
    return `${this.key}.${name}`;
  }

  has(name: string): boolean {
    return this.value[name] !== undefined && this.value[name] !== null;
  }

  raw(name: string): unknown {
    return this.value[name];
  }

  /** A required string matching `rule`. */
  string(name: string, rule: Rule): string | undefined {
    return checkString(this.problems, this.keyOf(name), this.value[name], rule);
  }

  /** An optional string: undefined when absent, checked when present. */
  optionalString(name: string, rule: Rule): string | undefined {
    return this.has(name) ? this.string(name, rule) : undefined;
  }

  /** An integer within [min, max], or `fallback` when absent (required when fallback is undefined). */
  integer(name: string, min: number, max: number, fallback?: number, allowed?: readonly number[]): number | undefined {
    if (!this.has(name) && fallback !== undefined) {
      return fallback;
    }
    const v = this.value[name];
    const ok =
      typeof v === "number" &&
      Number.isInteger(v) &&
      v >= min &&
      v <= max &&
      (allowed === undefined || allowed.includes(v));
    if (!ok) {
      const words = allowed ? `one of ${allowed.join(", ")}` : `a whole number from ${min} to ${max}`;
      return this.problems.add(this.keyOf(name), v, words);
    }
    return v;
  }

  boolean(name: string, fallback: boolean): boolean {
    if (!this.has(name)) {
      return fallback;
    }
    const v = this.value[name];
    return typeof v === "boolean" ? v : (this.problems.add(this.keyOf(name), v, "true or false") ?? fallback);
  }

  /** A list of strings, each matching `rule`, between min and max entries, without duplicates. */
  stringList(name: string, rule: Rule, min: number, max: number): string[] | undefined {
    const key = this.keyOf(name);
    const v = this.value[name];
    if (!Array.isArray(v) || v.length < min || v.length > max) {
      return this.problems.add(key, v, `a list of ${min} to ${max} entries, each ${rule.allowed}`);
    }
    const out: string[] = [];
    v.forEach((item, i) => {
      const s = checkString(this.problems, `${key}[${i}]`, item, rule);
      if (s !== undefined) {
        if (out.includes(s)) {
          this.problems.add(`${key}[${i}]`, s, "no duplicate entries");
        }
        out.push(s);
      }
    });
    return out.length === v.length ? out : undefined;
  }

  /** A nested object; absent is a problem unless `optional`. */
  object(name: string, keys: readonly string[], optional = false): ObjectReader | undefined {
    if (optional && !this.has(name)) {
      return undefined;
    }
    return ObjectReader.of(this.problems, this.keyOf(name), this.value[name], keys);
  }

  /** A map of string to string, for example extra environment variables. */
  stringMap(name: string, keyRule: Rule): Record<string, string> {
    if (!this.has(name)) {
      return {};
    }
    const key = this.keyOf(name);
    const v = this.value[name];
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
      this.problems.add(key, v, "a map of names to string values");
      return {};
    }
    const out: Record<string, string> = {};
    for (const [k, item] of Object.entries(v)) {
      if (!keyRule.test(k)) {
        this.problems.add(`${key}.${k}`, k, `a name that is ${keyRule.allowed}`);
      } else if (typeof item !== "string") {
        this.problems.addNamed(`${key}.${k}`, k, item, "a string (quote numbers and booleans)");
      } else {
        out[k] = item;
      }
    }
    return out;
  }
}

export function checkString(problems: Problems, key: string, value: unknown, rule: Rule): string | undefined {
  if (typeof value !== "string" || !rule.test(value)) {
    return problems.add(key, value, rule.allowed);
  }
  const instead = rule.refuse?.(value);
  return instead === undefined ? value : problems.add(key, value, instead);
}
