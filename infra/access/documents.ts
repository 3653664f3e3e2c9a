// IAM policy documents as plain objects: built as data, serialised once.

export type Principal = { readonly AWS: string | readonly string[] } | { readonly Service: string | readonly string[] };

export type Conditions = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: Principal;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const sids = statements.map((s) => s.Sid);
  const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i);
  if (duplicate !== undefined) {
    throw new Error(`duplicate policy statement id ${duplicate}`);
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The JSON AWS receives. */
export function serialise(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

/** A statement id from words: alphanumeric, as IAM requires. `sid("consumer", "app-1")` → `ConsumerApp1`. */
export function sid(...words: string[]): string {
  return words
    .flatMap((w) => w.split(/[^A-Za-z0-9]+/))
    .filter((w) => w.length > 0)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}
