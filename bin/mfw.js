#!/usr/bin/env node
// The `mfw` command: the CLI host, compiled by `npm run build` (run by `npm install`).
import '../dist/main/hosts/cli/mfw.js';
