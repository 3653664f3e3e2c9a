// The one definition of what a database password may contain. The program's RandomPassword,
// the driver's generator, config validation and the rotation function's excludeCharacters all
// derive from it, so a password made by any of them is accepted by every other.

import { Engine } from "./types";

/**
 * RDS rejects / " @ and space; AWS's rotation functions also leave out : ' \ by default; a
 * backtick breaks shell quoting in the runbooks.
 */
export const PASSWORD_EXCLUDED_CHARACTERS = "/@\" :'\\`";

/** Punctuation a generated password may use: printable ASCII minus the excluded characters. */
export const PASSWORD_SPECIAL_CHARACTERS = "!#$%&()*+,-.;<=>?[]^_{|}~";

/** Length of generated passwords; MySQL allows at most 41. */
export const PASSWORD_LENGTH = 40;

export const PASSWORD_MIN_LENGTH = 8;

export function passwordMaxLength(engine: Engine | undefined): number {
  return engine === "postgres" ? 128 : 41;
}

/** True when every character is printable ASCII and none is excluded. */
export function passwordCharactersAllowed(password: string): boolean {
  return [...password].every((c) => c >= "!" && c <= "~" && !PASSWORD_EXCLUDED_CHARACTERS.includes(c));
}

export function passwordRuleText(engine: Engine | undefined): string {
  return `${PASSWORD_MIN_LENGTH} to ${passwordMaxLength(engine)} printable ASCII characters without / " @ space : ' \\ or backtick`;
}
