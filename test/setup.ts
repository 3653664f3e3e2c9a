// Loaded by mocha before the test files (.mocharc.json `require`), in every worker process.

import { deferSdkClosures } from "../automation/lazySdk";

deferSdkClosures();
