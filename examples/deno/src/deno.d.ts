// The part of Deno's API this example calls, so the monorepo's tsc checks it (Deno brings its own types:
// `deno check` needs no such file, and your own app does not either).
declare namespace Deno {
  const env: { get(name: string): string | undefined }
  function serve(
    options: {
      hostname: string
      port: number
      onListen(address: { hostname: string; port: number }): void
    },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> }
  function addSignalListener(signal: 'SIGINT' | 'SIGTERM', handler: () => void): void
}
