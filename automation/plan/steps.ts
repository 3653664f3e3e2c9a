// The steps of the procedure (secret-sharing-procedure.ja.md, ①–⑦) and the two things it leaves
// to the reader: the one table of their titles, which `plan` prints and a test holds the README
// and docs to. Which resource implements which step is in resourceSteps.ts.

/** ①–⑦ of the procedure, and the two things the procedure leaves to the reader. */
export type StepId = "①" | "②" | "③" | "④" | "⑤" | "⑥" | "⑦" | "cross-account" | "restart";

export interface Step {
  readonly id: StepId;
  /** The mark `plan` and the docs put beside what implements the step. */
  readonly mark: string;
  /** The procedure's heading, in its words. */
  readonly title: string;
  /** What the step achieves. */
  readonly summary: string;
}

export const STEPS: readonly Step[] = [
  {
    id: "①",
    mark: "①",
    title: "KMSキーを作成する",
    summary: "a customer-managed KMS key, administered by the SSO role",
  },
  {
    id: "②",
    mark: "②",
    title: "シークレットマネージャにシークレットを作成する",
    summary: "the RDS credentials secret, encrypted with that key, readable by each execution role",
  },
  {
    id: "③",
    mark: "③",
    title: "RDSにユーザーを作成する",
    summary: "the database user with the same password: the driver's db-user command, not a resource",
  },
  {
    id: "④",
    mark: "④",
    title: "①で作成したキーポリシーを変更する",
    summary: "each execution role may decrypt with the key, only through Secrets Manager and for this secret",
  },
  {
    id: "⑤",
    mark: "⑤",
    title: "②で作成したシークレットのローテーションを有効にする",
    summary: "AWS's rotation function and the schedule, never rotating on save",
  },
  {
    id: "⑥",
    mark: "⑥",
    title: "⑤で自動作成されたIAMロールにインラインポリシーを追加する",
    summary: "the rotation function's role may use the key, under the same two conditions",
  },
  {
    id: "⑦",
    mark: "⑦",
    title: "共有されるAWSアカウントのタスク定義を設定する",
    summary: "the consumer's task definition takes the password (and username) from the secret",
  },
  {
    id: "cross-account",
    mark: "+",
    title: "(left out by the procedure)",
    summary: "the consumer account's own allow: an identity policy on the execution role",
  },
  {
    id: "restart",
    mark: "↻",
    title: "シークレットをローテーションする上での注意事項",
    summary: "tasks hold the password they started with: redeploy the listed services after each rotation",
  },
];
