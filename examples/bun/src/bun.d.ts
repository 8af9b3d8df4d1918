// The part of Bun's API this example calls, so the monorepo's tsc checks it without @types/bun, whose
// globals would apply to every package here. In your own app: `bun add -d @types/bun`, and drop this file.
declare const Bun: {
  serve(options: {
    hostname: string
    port: number
    routes: Record<string, (request: Request) => Response | Promise<Response>>
    fetch(request: Request): Response | Promise<Response>
  }): { hostname: string; port: number; stop(): Promise<void> }
}
