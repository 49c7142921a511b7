// Looks inside a cache entry: the archive the cache service stored in Azurite, and the files on disk.
import { execFile } from 'node:child_process'
import { readFile, readdir, rm } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob'
import { DEV_ACCOUNT, DEV_ACCOUNT_KEY, type Azurite } from '../../../testkit/azurite.js'
import type { CacheService } from '../../../testkit/cache-service.js'

const run = promisify(execFile)

/** One archive as the cache service stored it, and what it holds. */
export interface Archive {
  sizeBytes: number
  files: number
  treeBytes: number
  compression: string
}

export async function countFiles(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])
  return entries.filter(e => e.isFile()).length
}

/** Downloads an entry's blob from Azurite and lists the tar inside: regular files and their bytes. */
export async function inspectArchive(
  azurite: Azurite,
  service: CacheService,
  key: string,
  scratch: string
): Promise<Archive> {
  const entry = service.entries().find(e => e.key === key && e.finalized)
  if (!entry?.sizeBytes) throw new Error(`no finalized cache entry ${key}`)
  const blobs = new BlobServiceClient(
    azurite.blobEndpoint,
    new StorageSharedKeyCredential(DEV_ACCOUNT, DEV_ACCOUNT_KEY)
  ).getContainerClient('actions-cache')
  let name: string | undefined
  for await (const blob of blobs.listBlobsFlat({ prefix: `${entry.id}-` })) name = blob.name
  if (!name) throw new Error(`no blob for cache entry ${entry.id}`)
  const file = path.join(scratch, `archive-${entry.id}`)
  await blobs.getBlobClient(name).downloadToFile(file)
  const magic = (await readFile(file)).subarray(0, 4).toString('hex')
  const compression = magic === '28b52ffd' ? 'zstd' : magic.startsWith('1f8b') ? 'gzip' : 'none'
  const decompress =
    compression === 'zstd'
      ? ['--use-compress-program', 'zstd -d --long=30']
      : compression === 'gzip'
        ? ['-z']
        : []
  const { stdout } = await run('tar', [...decompress, '-tvf', file], { maxBuffer: 512 * 1024 * 1024 })
  await rm(file, { force: true })
  let files = 0
  let treeBytes = 0
  for (const line of stdout.split('\n')) {
    const match = /^-\S*\s+\S+\s+(\d+)\s/.exec(line)
    if (!match) continue
    files++
    treeBytes += Number(match[1])
  }
  return { sizeBytes: entry.sizeBytes, files, treeBytes, compression }
}
