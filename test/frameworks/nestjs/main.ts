import 'reflect-metadata'
import { NestFactory } from '@nestjs/core'
import type { NestExpressApplication } from '@nestjs/platform-express'
import { receiver } from '../receiver.js'
import { AppModule } from './app.module.js'

/** Creates the app and listens on `port` (main.ts calls it with PORT; the test with an ephemeral port). */
export async function bootstrap(port: number, hostname = '127.0.0.1'): Promise<NestExpressApplication> {
  // rawBody: true keeps the exact bytes Nest's JSON and urlencoded parsers read on req.rawBody.
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { rawBody: true })
  // Nest's JSON parser refuses bodies over 100 kB before hookgate sees them: allow the receiver's limit.
  app.useBodyParser('json', { limit: receiver.maxBodyBytes })
  await app.listen(port, hostname)
  return app
}
