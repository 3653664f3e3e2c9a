// The database password the driver generates on an environment's first deploy.

import { randomInt } from "node:crypto";
import { PASSWORD_LENGTH, PASSWORD_SPECIAL_CHARACTERS, passwordCharactersAllowed } from "../../infra/config/password";

const CLASSES = ["ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "0123456789", PASSWORD_SPECIAL_CHARACTERS];

/** Letters, digits and the allowed punctuation: the alphabet of the program's RandomPassword. */
export const PASSWORD_ALPHABET = CLASSES.join("");

/**
 * `length` characters drawn uniformly with crypto.randomInt, with at least one of each class
 * (as the program's RandomPassword has: minUpper, minLower, minNumeric, minSpecial = 1).
 */
export function generatePassword(length = PASSWORD_LENGTH): string {
  for (;;) {
    const chars = Array.from({ length }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]);
    const password = chars.join("");
    // Guards against an edit of the alphabet that lets an excluded character in.
    if (!passwordCharactersAllowed(password)) {
      throw new Error("a generated password contains an excluded character; check PASSWORD_ALPHABET");
    }
    // Redrawing until every class appears keeps the choice uniform among such passwords.
    if (CLASSES.every((set) => chars.some((c) => set.includes(c)))) {
      return password;
    }
  }
}
