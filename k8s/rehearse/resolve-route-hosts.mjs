// Preloaded (node --import) into the smoke script by `npm run k8s:rehearse`: the HTTPRoute
// hostnames (REHEARSE_HOSTS, comma-separated) resolve to 127.0.0.1, where the rehearsal's nginx
// listens, as public DNS of *.localtest.me does on a workstation. Every other name resolves normally.
import dns from 'node:dns';

const hosts = new Set((process.env.REHEARSE_HOSTS ?? '').split(',').filter(Boolean));
const lookup = dns.lookup;
dns.lookup = function (hostname, options, callback) {
  const done = typeof options === 'function' ? options : callback;
  const opts = typeof options === 'function' ? {} : (options ?? {});
  if (!hosts.has(hostname)) return lookup.call(this, hostname, options, callback);
  if (typeof opts === 'object' && opts.all) return process.nextTick(done, null, [{ address: '127.0.0.1', family: 4 }]);
  return process.nextTick(done, null, '127.0.0.1', 4);
};
