// The store's atomic steps as Lua scripts run by Redis: a namespace's parts are read, compared and written
// in one step each, so two emulator processes can never interleave inside one (see shared-store.ts).
//
// Layout (prefix `se:` by default): `<p>ns:<name>` a hash per namespace with `<part>:v` (version) and
// `<part>:doc` (JSON text) per part; `<p>namespaces` a sorted set of namespace names by last use; `<p>seq`
// the version counter (never reset, so a version is never reused: no ABA after a reset); `<p>journal` a capped
// stream of journal records and clears.

/**
 * Marks a namespace used (creating it; not when `now` is empty: a listing only looks), evicts the least recently used ones past the bound (never
 * `default`), and returns each asked part's version, with its document when the caller's version differs.
 * KEYS: namespace hash, namespaces set. ARGV: name, now, maxNamespaces, hash prefix, then pairs of
 * (part, cached version). Returns { {version, doc|false}..., {evicted names} }.
 */
export const LOAD_SCRIPT = `
local evicted = {}
local added = 0
if ARGV[2] ~= '' then added = redis.call('ZADD', KEYS[2], ARGV[2], ARGV[1]) end
if added == 1 then
  local limit = tonumber(ARGV[3]) + 1
  local n = redis.call('ZCARD', KEYS[2])
  while n > limit do
    local oldest = redis.call('ZRANGE', KEYS[2], 0, 1)
    local victim = oldest[1]
    if victim == 'default' then victim = oldest[2] end
    if not victim or victim == ARGV[1] then break end
    redis.call('ZREM', KEYS[2], victim)
    redis.call('DEL', ARGV[4] .. victim)
    evicted[#evicted + 1] = victim
    n = n - 1
  end
end
local out = {}
for i = 5, #ARGV, 2 do
  local version = redis.call('HGET', KEYS[1], ARGV[i] .. ':v') or '0'
  if version == ARGV[i + 1] then
    out[#out + 1] = {version, false}
  else
    out[#out + 1] = {version, redis.call('HGET', KEYS[1], ARGV[i] .. ':doc') or false}
  end
end
out[#out + 1] = evicted
return out
`;

/**
 * Writes parts only if none changed since they were read (optimistic concurrency): returns the new
 * version, or 0 when another process committed first. KEYS: namespace hash, version counter, namespaces set.
 * ARGV: name, now, then triples of (part, expected version, document).
 */
export const COMMIT_SCRIPT = `
for i = 3, #ARGV, 3 do
  local version = redis.call('HGET', KEYS[1], ARGV[i] .. ':v') or '0'
  if version ~= ARGV[i + 1] then return 0 end
end
local next = redis.call('INCR', KEYS[2])
for i = 3, #ARGV, 3 do
  redis.call('HSET', KEYS[1], ARGV[i] .. ':v', next, ARGV[i] .. ':doc', ARGV[i + 2])
end
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
return next
`;
