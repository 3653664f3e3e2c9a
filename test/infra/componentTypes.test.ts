import { expect } from "chai";
import * as types from "../../infra/componentTypes";

describe("component type tokens", () => {
  it("never change: each is part of the URN of its component and of every resource under it", () => {
    expect({ ...types }).to.deep.equal({
      SECRET_SHARE_TYPE: "rds-secret-share:share:SecretShare",
      OWNER_ACCOUNT_TYPE: "rds-secret-share:owner:OwnerAccount",
      SECRET_KEY_TYPE: "rds-secret-share:owner:SecretKey",
      SHARED_SECRET_TYPE: "rds-secret-share:owner:SharedSecret",
      ROTATION_TYPE: "rds-secret-share:owner:Rotation",
      ROTATION_EVENTS_TYPE: "rds-secret-share:owner:RotationEvents",
      CONSUMER_ACCESS_TYPE: "rds-secret-share:consumer:ConsumerAccess",
      SERVICE_RESTART_TYPE: "rds-secret-share:consumer:ServiceRestart",
      CONSUMER_CHILD: "-consumer-",
      START_ROLE_CHILD: "-start",
      ROLE_POLICY_CHILD: "-policy",
    });
  });
});
