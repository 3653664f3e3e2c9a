// IAM policy documents as plain objects: built as data, serialised once.

export type Principal = { readonly AWS: string | readonly string[] } | { readonly Service: string | readonly string[] };

export type Conditions = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

/** What every statement has: an id, unique within its document. */
export interface Statement {
  readonly Sid: string;
  readonly Effect: "Allow" | "Deny";
}

/** A statement of an identity or resource policy. */
export interface PolicyStatement extends Statement {
  readonly Principal?: Principal;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: Conditions;
}

/** A statement of a role's trust policy: who may assume it. Trust policies name no Resource. */
export interface TrustStatement extends Statement {
  readonly Effect: "Allow";
  readonly Principal: Principal;
  readonly Action: "sts:AssumeRole";
  readonly Condition: Conditions;
}

export interface PolicyDocument<S extends Statement = PolicyStatement> {
  readonly Version: "2012-10-17";
  readonly Statement: readonly S[];
}

export type TrustDocument = PolicyDocument<TrustStatement>;

/** A document of `statements`; two statements with one Sid make AWS reject it, so that throws. */
export function policyDocument<S extends Statement>(statements: readonly S[]): PolicyDocument<S> {
  const sids = statements.map((s) => s.Sid);
  const duplicate = sids.find((sid, i) => sids.indexOf(sid) !== i);
  if (duplicate !== undefined) {
    throw new Error(`duplicate policy statement id ${duplicate}`);
  }
  return { Version: "2012-10-17", Statement: statements };
}

/** The JSON AWS receives. */
export function serialise(doc: PolicyDocument<Statement>): string {
  return JSON.stringify(doc);
}
