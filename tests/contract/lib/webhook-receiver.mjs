// A webhook receiver for the subscriptions of the contract run: answers every POST with 204, so that deliveries
// succeed (and may be retried) and no delivery fails against a closed port. run.sh starts it before the API and stops
// it after the API, so that no delivery of the run meets a closed port.
// Usage: node lib/webhook-receiver.mjs <port-file> <count-file>
//   <port-file>   gets the port it listens on (127.0.0.1)
//   <count-file>  holds the number of deliveries received so far
import http from 'node:http';
import { writeFileSync } from 'node:fs';

const [portFile, countFile] = process.argv.slice(2);
let count = 0;
writeFileSync(countFile, '0\n');
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    count++;
    writeFileSync(countFile, `${count}\n`);
    res.writeHead(204);
    res.end();
  });
});
server.listen(0, '127.0.0.1', () => writeFileSync(portFile, `${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
