// Local S3 protocol server for the Recommender stack.
// fauxqs speaks the protocol; this launcher adds what the stack needs around it:
// bind to 127.0.0.1 only, create the buckets before reporting healthy, accept large
// single-part uploads, and (when S3_DATA_DIR is set) keep objects across restarts.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildApp } from "fauxqs";
// The store class is not in the package exports; fauxqs is pinned, so its file path is stable.
import { S3Store } from "./node_modules/fauxqs/dist/s3/s3Store.js";

const port = Number.parseInt(process.env.PORT ?? "4566", 10);
const host = process.env.S3_HOST ?? "127.0.0.1";
const buckets = (process.env.S3_BUCKETS ?? "").split(",").map((b) => b.trim()).filter(Boolean);
const dataDir = process.env.S3_DATA_DIR || null;
const maxBodyBytes = Number.parseInt(process.env.S3_MAX_BODY_MB ?? "1024", 10) * 1024 * 1024;

/** An S3Store that writes every object through to a folder and reloads it at start. */
class PersistentS3Store extends S3Store {
  constructor(root) {
    super();
    this.root = root;
  }

  #objectPath(bucket, key) {
    // Keys may hold any characters ("..", "/", very long names): files are named by hash.
    const id = createHash("sha256").update(key).digest("hex");
    return path.join(this.root, encodeURIComponent(bucket), id);
  }

  #write(bucket, obj) {
    const file = this.#objectPath(bucket, obj.key);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const meta = {
      key: obj.key,
      contentType: obj.contentType,
      etag: obj.etag,
      lastModified: obj.lastModified.toISOString(),
      metadata: obj.metadata,
    };
    // Body first, then metadata: an object is visible after a restart only when both are whole.
    fs.writeFileSync(`${file}.tmp`, obj.body);
    fs.renameSync(`${file}.tmp`, `${file}.bin`);
    fs.writeFileSync(`${file}.json.tmp`, JSON.stringify(meta));
    fs.renameSync(`${file}.json.tmp`, `${file}.json`);
  }

  #remove(bucket, key) {
    const file = this.#objectPath(bucket, key);
    fs.rmSync(`${file}.json`, { force: true });
    fs.rmSync(`${file}.bin`, { force: true });
  }

  load() {
    if (!fs.existsSync(this.root)) return 0;
    let count = 0;
    for (const bucketDir of fs.readdirSync(this.root)) {
      const bucket = decodeURIComponent(bucketDir);
      super.createBucket(bucket);
      const objects = this.buckets.get(bucket);
      const dir = path.join(this.root, bucketDir);
      for (const name of fs.readdirSync(dir)) {
        if (!name.endsWith(".json")) continue;
        const base = path.join(dir, name.slice(0, -".json".length));
        if (!fs.existsSync(`${base}.bin`)) continue;
        const meta = JSON.parse(fs.readFileSync(`${base}.json`, "utf8"));
        const body = fs.readFileSync(`${base}.bin`);
        objects.set(meta.key, {
          key: meta.key,
          body,
          contentType: meta.contentType,
          contentLength: body.length,
          etag: meta.etag,
          lastModified: new Date(meta.lastModified),
          metadata: meta.metadata ?? {},
        });
        count++;
      }
    }
    return count;
  }

  createBucket(name) {
    super.createBucket(name);
    fs.mkdirSync(path.join(this.root, encodeURIComponent(name)), { recursive: true });
  }

  deleteBucket(name) {
    super.deleteBucket(name);
    fs.rmSync(path.join(this.root, encodeURIComponent(name)), { recursive: true, force: true });
  }

  putObject(bucket, key, body, contentType, metadata) {
    const obj = super.putObject(bucket, key, body, contentType, metadata);
    this.#write(bucket, obj);
    return obj;
  }

  completeMultipartUpload(uploadId, partSpecs) {
    const bucket = this.multipartUploads.get(uploadId)?.bucket;
    const obj = super.completeMultipartUpload(uploadId, partSpecs);
    this.#write(bucket, obj);
    return obj;
  }

  deleteObject(bucket, key) {
    super.deleteObject(bucket, key);
    this.#remove(bucket, key);
  }

  deleteObjects(bucket, keys) {
    const result = super.deleteObjects(bucket, keys);
    for (const key of keys) this.#remove(bucket, key);
    return result;
  }

  emptyBucket(name) {
    const keys = [...(this.buckets.get(name)?.keys() ?? [])];
    super.emptyBucket(name);
    for (const key of keys) this.#remove(name, key);
  }
}

const store = dataDir ? new PersistentS3Store(dataDir) : new S3Store();
const loaded = dataDir ? store.load() : 0;
for (const bucket of buckets) store.createBucket(bucket);

const app = buildApp({ logger: process.env.S3_LOG === "true", stores: { s3Store: store } });
// fauxqs caps bodies at 11 MiB; whole-file PUTs of sample data are larger.
app.removeContentTypeParser("*");
app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: maxBodyBytes }, (_req, body, done) => done(null, body));

const address = await app.listen({ port, host });
console.log(
  `S3 emulator listening on ${address}; buckets: ${buckets.join(", ") || "(none)"}; ` +
    (dataDir ? `data in ${dataDir} (${loaded} objects loaded)` : "in memory only"),
);

// Writes are synchronous and whole before a signal is handled, so stopping at once loses nothing;
// waiting for clients' keep-alive connections to close would only delay the stack's shutdown.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => process.exit(0));
}
