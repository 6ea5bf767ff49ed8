import express from 'express';

// The baseline every HTTP figure is divided by: Express 5 answering a small object, nothing else.
const app = express();
app.disable('x-powered-by');
app.get('/', (_req, res) => {
  res.json({ id: 'q-1', status: 'open', subject: 'Export fails' });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
