// The driver's operations as plain async functions for deploy scripts. Importing does nothing.
//   import { deploy } from "./automation";
//   const result = await deploy("dev", { progress: (t) => process.stdout.write(t) });

export * from "./driver";
export { plan } from "./plan";
export { dbUser } from "./dbuser";
export { doctor, preflight, renderDoctor, renderPreflight, exitCodeOf } from "./live";
