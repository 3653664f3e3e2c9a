// The process's first import (bin.ts): defers the SDK's unused modules before anything loads it.

import { deferSdkClosures } from "../lazySdk";

deferSdkClosures();
