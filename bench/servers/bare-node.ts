// The ceiling: bare node:http that reads and parses the same JSON body and answers (read-and-answer.ts).
// No routing, no validation, no state: what the machine can do at all.
import http from 'node:http';
import { readAndAnswer } from './read-and-answer';

http.createServer(readAndAnswer).listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
