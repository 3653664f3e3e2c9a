// Loaded by mocha before the test files (.mocharc.js `require`), in every worker process.

import { deferSdkClosures } from "../automation/lazySdk";

deferSdkClosures();
// The project runs on Node 20 on purpose (see the README); the AWS SDK's notice about Node 22
// would be the one line in a test run that is not the reporter's.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
