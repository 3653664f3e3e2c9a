// Kept free of imports, so the command line can recognise it without loading the plan.

/** A command-line flag `plan` cannot use. */
export class PlanUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlanUsageError";
  }
}
