// The ceiling for an Express data plane: Express 5 with one catch-all route that does what the bare node:http
// ceiling does (read-and-answer.ts): reads and parses the JSON body, then answers. No validation, no state.
import express from 'express';
import { readAndAnswer } from './read-and-answer';

const app = express();
app.all('/{*any}', (req, res) => readAndAnswer(req, res));
app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
