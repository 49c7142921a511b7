/** go's GOOS for Node's platform: the same names, but for Windows. */
export function goOs(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'windows' : platform
}

const GOARCH: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64' }

/**
 * go's GOARCH for Node's architecture, as `go env GOARCH` prints it on that machine. Node's one `ppc64`
 * is big-endian only on AIX; elsewhere it is go's ppc64le. Other names (s390x, riscv64, loong64) agree.
 */
export function goArch(arch: string, platform: NodeJS.Platform): string {
  if (arch === 'ppc64') return platform === 'aix' ? 'ppc64' : 'ppc64le'
  return GOARCH[arch] ?? arch
}
