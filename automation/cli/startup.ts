// The process's first import (bin.ts): defers the SDK's unused modules before anything loads it,
// and keeps the AWS SDK's notice about Node 20 out of this command line's output (the docs'
// known limits explain it; a user who sets the variable decides).

import { deferSdkClosures } from "../lazySdk";

deferSdkClosures();
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
