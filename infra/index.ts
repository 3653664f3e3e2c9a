// Entry point of the Pulumi program (Pulumi.yaml `main`). `pulumi up` and the driver run this file.
import { program } from "./program";

export = program();
