// For mocha's workers (`require` in .mocharc.js): compiles dist/ first when a source changed.
"use strict";

require("./build").ensureBuilt((text) => process.stderr.write(text));
