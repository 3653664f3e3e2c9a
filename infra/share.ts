import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SecretReader } from "./access/grants";
import { restartRoutes } from "./access/restartRoute";
import { ConsumerSettings, Settings } from "./config/types";
import { ConsumerAccess } from "./consumer/consumer";
import { OwnerAccount } from "./owner/owner";
import { accountProvider, defaultTags } from "./providers";
import { CONSUMER_CHILD, SECRET_SHARE_TYPE } from "./componentTypes";

/** What one consumer exposes to other stacks. */
export interface ConsumerOutputs {
  readonly taskDefinitionArn: string;
  readonly family: string;
  readonly executionRoleArn: string;
}

export interface SecretShareArgs {
  readonly settings: Settings;
  /** The configured initial password (secret). @default generated */
  readonly password?: pulumi.Input<string>;
}

/** The consumers as principals of the owner's policies. */
export function readersOf(consumers: readonly ConsumerSettings[]): SecretReader[] {
  return consumers.map((c) => ({ name: c.name, roleArn: c.executionRoleArn }));
}

/**
 * The whole share across accounts: the owner account's key, secret and rotation, and each
 * consumer account's access and task definition, through one explicit provider per account.
 * `settings.part` chooses which sides this stack deploys.
 */
export class SecretShare extends pulumi.ComponentResource {
  readonly owner?: OwnerAccount;
  /** Consumer name → its task definition and role; undefined for part `owner`. */
  readonly consumers?: pulumi.Output<Record<string, ConsumerOutputs>>;

  constructor(name: string, args: SecretShareArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super(SECRET_SHARE_TYPE, name, {}, opts);
    const s = args.settings;
    const tags = defaultTags(s.project, s.stack);
    const routes = restartRoutes(s);

    let secretArn: pulumi.Input<string> | undefined;
    let kmsKeyArn: pulumi.Input<string> | undefined;
    if (s.part !== "consumer") {
      const provider = accountProvider(`${name}-owner`, s.owner, tags, { parent: this });
      this.owner = new OwnerAccount(
        `${name}-owner`,
        {
          owner: s.owner,
          database: s.database,
          secret: s.secret,
          rotation: s.rotation,
          readers: readersOf(s.consumers),
          restartRoutes: routes,
          password: args.password,
          protect: s.protect,
          provider,
        },
        { parent: this },
      );
      secretArn = this.owner.secretArn;
      kmsKeyArn = this.owner.kmsKeyArn;
    } else if (s.ownerReference?.kind === "config") {
      secretArn = s.ownerReference.secretArn;
      kmsKeyArn = s.ownerReference.kmsKeyArn;
    } else if (s.ownerReference?.kind === "stack") {
      const ref = new pulumi.StackReference(
        `${name}-owner-stack`,
        { name: s.ownerReference.stackName },
        { parent: this },
      );
      secretArn = ref.requireOutput("secretArn") as pulumi.Output<string>;
      kmsKeyArn = ref.requireOutput("kmsKeyArn") as pulumi.Output<string>;
    }

    if (s.part !== "owner" && secretArn !== undefined && kmsKeyArn !== undefined) {
      const providers = new Map<string, aws.Provider>();
      const accesses = s.consumers.map((consumer, index) => {
        const providerKey = `${consumer.accountId}-${consumer.region}`;
        let provider = providers.get(providerKey);
        if (provider === undefined) {
          provider = accountProvider(`${name}${CONSUMER_CHILD}${providerKey}`, consumer, tags, { parent: this });
          providers.set(providerKey, provider);
        }
        const route = routes.find((r) => r.consumer === consumer.name);
        const access = new ConsumerAccess(
          `${name}${CONSUMER_CHILD}${consumer.name}`,
          {
            consumer,
            index,
            database: s.database,
            secretArn,
            secretName: s.secret.name,
            kmsKeyArn,
            ownerRegion: s.owner.region,
            // In one stack the owner's role output orders the bus policy after the role exists.
            restart: route && {
              route,
              forwarderRoleArn: this.owner?.forwarderRoleArns?.[consumer.name] ?? route.forwarderRoleArn,
            },
            provider,
          },
          { parent: this },
        );
        return { name: consumer.name, access };
      });
      this.consumers = pulumi
        .all(
          accesses.map(({ name: n, access }) =>
            pulumi
              .all([access.taskDefinitionArn, access.family, access.executionRoleArn])
              .apply(
                ([taskDefinitionArn, family, executionRoleArn]) =>
                  [n, { taskDefinitionArn, family, executionRoleArn }] as const,
              ),
          ),
        )
        .apply((entries) => Object.fromEntries(entries));
    }

    this.registerOutputs({ consumers: this.consumers });
  }

  /** The stack outputs of this stack's part, as the README's configuration section lists them. */
  stackOutputs(): Record<string, pulumi.Output<unknown>> {
    const o = this.owner;
    return {
      ...(o
        ? {
            secretArn: o.secretArn,
            secretName: o.secretName,
            kmsKeyArn: o.kmsKeyArn,
            kmsKeyAliasName: o.kmsKeyAliasName,
            passwordValueFrom: o.passwordValueFrom,
            usernameValueFrom: o.usernameValueFrom,
            ...(o.rotationLambdaArn ? { rotationLambdaArn: o.rotationLambdaArn } : {}),
          }
        : {}),
      ...(this.consumers ? { consumers: this.consumers } : {}),
    };
  }
}
