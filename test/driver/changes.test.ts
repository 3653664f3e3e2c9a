import { expect } from "chai";
import { changesLine, changesOf } from "../../automation/driver/changes";

describe("what an operation changed, in words", () => {
  it("GIVEN the Automation API's summary THEN created, updated, replaced, deleted, unchanged; other operations left out", () => {
    const c = changesOf({ create: 2, update: 1, replace: 1, delete: 3, same: 12, "create-replacement": 1, read: 2 });
    expect(c).to.deep.equal({ created: 2, updated: 1, replaced: 1, deleted: 3, unchanged: 12 });
    expect(changesLine(c)).to.equal("2 created, 1 updated, 1 replaced, 3 deleted, 12 unchanged");
    expect(changesLine(c, "planned")).to.equal("2 to create, 1 to update, 1 to replace, 3 to delete, 12 unchanged");
  });

  it("GIVEN no summary, or nothing counted THEN no resources", () => {
    expect(changesLine(changesOf(undefined))).to.equal("no resources");
    expect(changesLine(changesOf({ same: 0 }), "planned")).to.equal("no resources");
  });
});
