import { expect } from "chai";
import { planConfig, Plan, renderMermaid } from "../../automation/plan";
import { escapeLabel } from "../../automation/plan/mermaid";
import { planDev, twoConsumerConfig } from "./support";

interface Diagram {
  readonly subgraphs: Map<string, { title: string; nodes: string[] }>;
  readonly labels: Map<string, string>;
  readonly edges: string[];
  readonly dotted: string[];
  readonly dashedNodes: string[];
}

function decode(text: string): string {
  return text.replace(/#(\d+);/g, (_m, code: string) => String.fromCodePoint(Number(code))).replace(/<br\/>/g, " / ");
}

/** Reads back what the renderer wrote: subgraphs with their nodes, labels, and edges by label. */
function parse(mermaid: string): Diagram {
  const lines = mermaid.split("\n");
  expect(lines[0]).to.equal("flowchart LR");
  const subgraphs = new Map<string, { title: string; nodes: string[] }>();
  const labels = new Map<string, string>();
  const edges: string[] = [];
  const dotted: string[] = [];
  let dashedNodes: string[] = [];
  let current: string | undefined;
  for (const line of lines.slice(1)) {
    let m: RegExpExecArray | null;
    if ((m = /^ {2}subgraph (\w+)\["(.*)"\]$/.exec(line))) {
      current = m[1];
      subgraphs.set(m[1], { title: decode(m[2]), nodes: [] });
    } else if (line === "  end") {
      current = undefined;
    } else if ((m = /^ +(\w+)(?:\["(.*)"\]|\("(.*)"\)|\{\{"(.*)"\}\})$/.exec(line))) {
      labels.set(m[1], decode(m[2] ?? m[3] ?? m[4]));
      if (current) {
        subgraphs.get(current)?.nodes.push(m[1]);
      }
    } else if ((m = /^ {2}(\w+) (-->|-\.->)\|"(.*)"\| (\w+)$/.exec(line))) {
      const text = `${labels.get(m[1]) ?? m[1]} → ${labels.get(m[4]) ?? m[4]}: ${decode(m[3])}`;
      (m[2] === "-->" ? edges : dotted).push(text);
    } else if ((m = /^ {2}class (\S+) existing$/.exec(line))) {
      dashedNodes = m[1].split(",");
    } else if (line !== "  classDef existing stroke-dasharray: 5 5") {
      throw new Error(`unexpected line: ${line}`);
    }
  }
  return { subgraphs, labels, edges, dotted, dashedNodes };
}

const EXEC = "iam role app-task-execution / (existing, account 222222222222)";
const SECRET = "secretsmanager Secret / rds/dev/app_user / step ②";
const KEY = "kms Key / share-owner-kms-key / step ①";

describe("plan --format mermaid", () => {
  let dev: Plan;
  let diagram: Diagram;
  before(async () => {
    dev = await planDev();
    diagram = parse(renderMermaid(dev));
  });

  it("has a subgraph per account, owner first, holding its resources and the principals of that account", () => {
    expect([...diagram.subgraphs.values()].map((s) => s.title)).to.deep.equal([
      "Owner account 111111111111 · ap-northeast-1",
      "Consumer account (app) 222222222222 · ap-northeast-1",
    ]);
    const [owner, consumer] = [...diagram.subgraphs.values()].map((s) => s.nodes.map((n) => diagram.labels.get(n)));
    expect(owner.slice(0, 3)).to.deep.equal([KEY, "kms Alias / alias/rds/dev/app_user / step ①", SECRET]);
    expect(owner).to.include.members([
      "iam root / (existing, account 111111111111)",
      "iam role AWSReservedSSO_perm-app_0123456789abcdef / (existing, account 111111111111)",
      "role of rotation function rds-dev-app_user-rotation",
    ]);
    expect(consumer).to.include.members([
      "ecs TaskDefinition / app / step ⑦",
      "cloudwatch LogGroup / /ecs/dev/app / step ⑦",
      EXEC,
    ]);
    // Policies are drawn as the arrows they grant, not as nodes.
    expect([...diagram.labels.values()].filter((l) => /Policy /.test(l))).to.deep.equal([]);
  });

  it("draws the grants of the share as labelled arrows naming the policies on each side", () => {
    expect(diagram.edges.slice(0, 5)).to.deep.equal([
      `${EXEC} → ${SECRET}: secretsmanager:GetSecretValue / (secret policy + identity policy)`,
      `iam root / (existing, account 111111111111) → ${KEY}: kms:* / (key policy)`,
      `iam role AWSReservedSSO_perm-app_0123456789abcdef / (existing, account 111111111111) → ${KEY}: 21 kms actions / (key policy)`,
      `${EXEC} → ${KEY}: kms:Decrypt via Secrets Manager / (key policy + identity policy)`,
      `role of rotation function rds-dev-app_user-rotation → ${KEY}: kms:Decrypt, kms:DescribeKey, kms:GenerateDataKey via Secrets Manager / (identity policy)`,
    ]);
    // One arrow per registered grant, none invented.
    expect(diagram.edges).to.have.length(dev.graph.edges.filter((e) => e.kind === "grant").length);
  });

  it("draws what each resource names as dotted arrows: the key of the secret, the secret of the task", () => {
    expect(diagram.dotted).to.include.members([
      `secretsmanager Secret / rds/dev/app_user / step ② → ${KEY}: kmsKeyId`,
      `secretsmanager SecretVersion / share-owner-secret-initial / step ② → ${SECRET}: secretId`,
      `ecs TaskDefinition / app / step ⑦ → ${SECRET}: containerDefinitions`,
      `ecs TaskDefinition / app / step ⑦ → ${EXEC}: executionRoleArn`,
    ]);
  });

  it("dashes what this stack does not create", () => {
    expect(diagram.dashedNodes.map((n) => diagram.labels.get(n)).sort()).to.deep.equal(
      dev.graph.nodes
        .filter((n) => n.kind !== "managed")
        .map((n) => n.label.join(" / "))
        .sort(),
    );
    expect(diagram.dashedNodes).to.include("e_222222222222_iam_role_app_task_execution");
  });

  it("GIVEN two consumer accounts THEN each gets its subgraph and its role's two arrows", async () => {
    const d = parse(renderMermaid(await planConfig(twoConsumerConfig(), "dev")));
    expect([...d.subgraphs.values()].map((s) => s.title)).to.deep.equal([
      "Owner account 111111111111 · ap-northeast-1",
      "Consumer account (app) 222222222222 · ap-northeast-1",
      "Consumer account (batch) 333333333333 · ap-northeast-1",
    ]);
    const batch = "iam role batch-task-execution / (existing, account 333333333333)";
    expect([...d.subgraphs.values()][2].nodes.map((n) => d.labels.get(n))).to.deep.equal([
      "cloudwatch LogGroup / /ecs/dev/batch / step ⑦",
      "ecs TaskDefinition / batch / step ⑦",
      batch,
    ]);
    expect(d.edges.filter((e) => e.startsWith(batch))).to.deep.equal([
      `${batch} → ${SECRET}: secretsmanager:GetSecretValue / (secret policy + identity policy)`,
      `${batch} → ${KEY}: kms:Decrypt via Secrets Manager / (key policy + identity policy)`,
    ]);
  });

  it("escapes what Mermaid would read as syntax: quotes, angle brackets, #, non-ASCII", () => {
    expect(escapeLabel('<arn of "x"> #1 ①·')).to.equal("#60;arn of #34;x#34;#62; #35;1 #9312;#183;");
  });
});
