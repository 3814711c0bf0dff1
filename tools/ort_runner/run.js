#!/usr/bin/env node
// Runs ONNX models in ONNX Runtime (onnxruntime-node) for the pd2onnx tests.
//
// Usage: node run.js manifest.json
// manifest: {"jobs": [{"model": "/abs/m.onnx", "inputs": {"x": "/abs/x.npy"},
//                      "output_dir": "/abs/out0"}]}
// For each job, every output is written as <output_dir>/<index>.npy and
// <output_dir>/outputs.json = {"names": [...], "files": [...]} lists them in
// session.outputNames order (names may contain '/', so they are not file
// names). On any error: the job's model and ORT's message go to stderr, exit 1.
'use strict';

const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

ort.env.logLevel = 'fatal';

// numpy type code (descr without the byte order) <-> ORT tensor type and the
// typed array holding its elements.
// bool and float16 have no typed array of their own: ORT takes Uint8Array and
// Uint16Array (raw binary16 bits) for them.
const DTYPES = [
  { code: 'f4', type: 'float32', array: Float32Array },
  { code: 'f8', type: 'float64', array: Float64Array },
  { code: 'f2', type: 'float16', array: Uint16Array },
  { code: 'i1', type: 'int8', array: Int8Array },
  { code: 'i2', type: 'int16', array: Int16Array },
  { code: 'i4', type: 'int32', array: Int32Array },
  { code: 'i8', type: 'int64', array: BigInt64Array },
  { code: 'u1', type: 'uint8', array: Uint8Array },
  { code: 'u2', type: 'uint16', array: Uint16Array },
  { code: 'u4', type: 'uint32', array: Uint32Array },
  { code: 'u8', type: 'uint64', array: BigUint64Array },
  { code: 'b1', type: 'bool', array: Uint8Array },
];

function dtypeByDescr(descr) {
  // '<' little-endian, '|' no byte order (one-byte types), '=' native (little).
  const found = '<|='.includes(descr[0]) && DTYPES.find((d) => d.code === descr.slice(1));
  if (!found) throw new Error(`unsupported .npy dtype '${descr}'`);
  return found;
}

function descrOf(dtype) {
  return (dtype.array.BYTES_PER_ELEMENT === 1 ? '|' : '<') + dtype.code;
}

function dtypeByType(type) {
  const found = DTYPES.find((d) => d.type === type);
  if (!found) throw new Error(`cannot write an ONNX Runtime tensor of type '${type}' as .npy`);
  return found;
}

// Parses the Python dict literal of an .npy header (only what numpy writes).
function parseHeader(text, file) {
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) throw new Error(`${file}: malformed .npy header: ${text}`);
  if (fortran[1] !== 'False') throw new Error(`${file}: Fortran-order .npy is not supported`);
  const dims = shape[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      if (!/^\d+$/.test(s)) throw new Error(`${file}: bad dimension '${s}' in .npy shape`);
      return Number(s);
    });
  return { descr: descr[1], dims };
}

function readNpy(file) {
  const buf = fs.readFileSync(file);
  const magic = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // \x93NUMPY
  if (buf.length < 10 || !buf.subarray(0, 6).equals(magic)) {
    throw new Error(`${file}: not an .npy file`);
  }
  const major = buf[6];
  let headerLen;
  let headerStart;
  if (major === 1) {
    headerLen = buf.readUInt16LE(8);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (buf.length < 12) throw new Error(`${file}: truncated .npy header`);
    headerLen = buf.readUInt32LE(8);
    headerStart = 12;
  } else {
    throw new Error(`${file}: unsupported .npy version ${major}`);
  }
  const dataStart = headerStart + headerLen;
  if (dataStart > buf.length) throw new Error(`${file}: truncated .npy header`);
  const { descr, dims } = parseHeader(buf.toString('latin1', headerStart, dataStart), file);
  const dtype = dtypeByDescr(descr);
  const numel = dims.reduce((a, b) => a * b, 1);
  const nbytes = numel * dtype.array.BYTES_PER_ELEMENT;
  if (buf.length - dataStart !== nbytes) {
    throw new Error(`${file}: ${buf.length - dataStart} data bytes, shape needs ${nbytes}`);
  }
  // Copy into a fresh buffer: typed arrays need aligned offsets.
  const bytes = new Uint8Array(nbytes);
  bytes.set(buf.subarray(dataStart, dataStart + nbytes));
  const data = new dtype.array(bytes.buffer, 0, numel);
  return new ort.Tensor(dtype.type, data, dims);
}

function writeNpy(file, tensor) {
  const dtype = dtypeByType(tensor.type);
  const dims = Array.from(tensor.dims, Number);
  const shape = dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
  let header = `{'descr': '${descrOf(dtype)}', 'fortran_order': False, 'shape': ${shape}, }`;
  // numpy pads with spaces so that the data starts on a 64-byte boundary.
  const total = 10 + header.length + 1;
  header += ' '.repeat((64 - (total % 64)) % 64) + '\n';
  const prefix = Buffer.alloc(10);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(prefix);
  prefix.writeUInt16LE(header.length, 8);
  const data = tensor.data;
  const numel = dims.reduce((a, b) => a * b, 1);
  const nbytes = numel * dtype.array.BYTES_PER_ELEMENT;
  if (!ArrayBuffer.isView(data) || data.byteLength !== nbytes) {
    throw new Error(`output of type ${tensor.type} and shape [${dims}] has unexpected data`);
  }
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  fs.writeFileSync(file, Buffer.concat([prefix, Buffer.from(header, 'latin1'), body]));
}

async function runJob(job) {
  const session = await ort.InferenceSession.create(job.model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    // ORT's own log would repeat the error we print (with colour codes).
    logSeverityLevel: 4,
  });
  try {
    const feeds = {};
    for (const [name, file] of Object.entries(job.inputs || {})) feeds[name] = readNpy(file);
    const results = await session.run(feeds);
    fs.mkdirSync(job.output_dir, { recursive: true });
    const names = [];
    const files = [];
    session.outputNames.forEach((name, index) => {
      const file = `${index}.npy`;
      writeNpy(path.join(job.output_dir, file), results[name]);
      names.push(name);
      files.push(file);
    });
    fs.writeFileSync(path.join(job.output_dir, 'outputs.json'), JSON.stringify({ names, files }));
  } finally {
    await session.release();
  }
}

async function main() {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: node run.js manifest.json\n');
    process.exit(2);
  }
  const manifest = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  for (const job of manifest.jobs) {
    try {
      await runJob(job);
    } catch (err) {
      const message = err && err.message ? err.message : String(err);
      process.stderr.write(`model ${job.model}: ${message}\n`);
      process.exit(1);
    }
  }
}

main().catch((err) => {
  process.stderr.write(`${err && err.stack ? err.stack : err}\n`);
  process.exit(1);
});
