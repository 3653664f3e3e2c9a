import { expect } from "chai";
import { generatePassword, PASSWORD_ALPHABET } from "../../automation/driver/password";
import {
  PASSWORD_EXCLUDED_CHARACTERS,
  PASSWORD_LENGTH,
  PASSWORD_SPECIAL_CHARACTERS,
  passwordCharactersAllowed,
} from "../../infra/config/password";
import { validateConfig } from "../../infra/config/validate";
import { readEnvironment } from "../../automation/environment";
import { stackConfig } from "../../automation/environmentStacks";

describe("the generated database password", () => {
  const passwords = Array.from({ length: 500 }, () => generatePassword());

  it("draws from letters, digits and PASSWORD_SPECIAL_CHARACTERS, none of the excluded characters", () => {
    expect(PASSWORD_ALPHABET).to.equal(
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + PASSWORD_SPECIAL_CHARACTERS,
    );
    for (const c of PASSWORD_EXCLUDED_CHARACTERS) {
      expect(PASSWORD_ALPHABET).not.to.include(c);
    }
  });

  it("is PASSWORD_LENGTH (>= 32) allowed characters with an upper, a lower, a digit and a special each time", () => {
    expect(PASSWORD_LENGTH).to.be.at.least(32);
    for (const p of passwords) {
      expect(p).to.have.length(PASSWORD_LENGTH);
      expect(passwordCharactersAllowed(p), p.replace(/./g, "*")).to.equal(true);
      expect(/[A-Z]/.test(p) && /[a-z]/.test(p) && /[0-9]/.test(p)).to.equal(true);
      expect([...p].some((c) => PASSWORD_SPECIAL_CHARACTERS.includes(c))).to.equal(true);
    }
  });

  it("is different every time and uses the whole alphabet", () => {
    expect(new Set(passwords).size).to.equal(passwords.length);
    expect(new Set(passwords.join("")).size).to.equal(PASSWORD_ALPHABET.length);
  });

  it("is accepted by config validation for every engine, as the program will check it", () => {
    const environment = readEnvironment("dev");
    for (const engine of ["postgres", "mysql", "mariadb"]) {
      const config = stackConfig(environment, "owner");
      const database = { ...(config["rds-secret-share:database"] as object), engine, port: 3306 };
      const settings = validateConfig(
        { ...config, "rds-secret-share:database": database, "rds-secret-share:dbPassword": passwords[0] },
        { project: "rds-secret-share", stack: "dev-owner", isSecret: () => true },
      );
      expect(settings.hasDbPassword).to.equal(true);
    }
  });
});
