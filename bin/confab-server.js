#!/usr/bin/env node
// The `confab-server` command: the reference server behind a WebSocket. Run `confab-server --help`.
import process from 'node:process';
import { runCli } from '../dist/host.js';

process.exitCode = await runCli(process.argv.slice(2), process.env);
