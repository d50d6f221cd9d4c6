import http from 'node:http';
import v8 from 'node:v8';
import vm from 'node:vm';

/** A full, synchronous garbage collection, without starting jest with --expose-gc. */
export function exposeGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

export interface StreamedBody {
  status: number;
  contentType: string;
  bytes: number;
  lines: number;
  /** Largest live heap above the baseline seen during the response, each sample after a full GC. */
  peakHeapGrowth: number;
  samples: number;
}

/**
 * GETs a URL and consumes the body without keeping it, pausing every `sampleEvery` bytes to collect
 * garbage and read the live heap. Server and client share this process, so what the server holds
 * while it answers (a page of events, or the whole history) is what the samples see; the body's
 * chunks are Buffers outside the JS heap and are dropped as they arrive.
 */
export function streamAndSampleHeap(url: string, headers: Record<string, string>, sampleEvery: number): Promise<StreamedBody> {
  const gc = exposeGc();
  gc();
  const baseline = process.memoryUsage().heapUsed;
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers }, (res) => {
      let bytes = 0;
      let lines = 0;
      let peak = 0;
      let samples = 0;
      let next = sampleEvery;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
        if (bytes < next) return;
        next += sampleEvery;
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
        samples += 1;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), bytes, lines, peakHeapGrowth: peak, samples }));
      res.on('error', reject);
    });
    request.on('error', reject);
  });
}
