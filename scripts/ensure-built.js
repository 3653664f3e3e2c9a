// For mocha (`require` in .mocharc.json): compiles dist/ first when a source changed.
"use strict";

require("./build").ensureBuilt((text) => process.stderr.write(text));
