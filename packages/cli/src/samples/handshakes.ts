/** The bundled samples of the providers in `../providers/handshakes.ts`, keyed like `catalog.ts`. */

import asanaTaskAdded from './asana/task.added.json' with { type: 'json' }
import asanaTaskChanged from './asana/task.changed.json' with { type: 'json' }
import dropboxListFolder from './dropbox/list_folder.json' with { type: 'json' }
import dropboxListFolderTeam from './dropbox/list_folder.team.json' with { type: 'json' }
import metaPageFeed from './meta/page.feed.json' with { type: 'json' }
import metaWhatsappMessages from './meta/whatsapp_business_account.messages.json' with { type: 'json' }
import notionPageContentUpdated from './notion/page.content_updated.json' with { type: 'json' }
import notionPageCreated from './notion/page.created.json' with { type: 'json' }
import oktaUserLifecycleCreate from './okta/user.lifecycle.create.json' with { type: 'json' }
import oktaUserSessionStart from './okta/user.session.start.json' with { type: 'json' }
import twitchChannelFollow from './twitch/channel.follow.json' with { type: 'json' }
import twitchStreamOnline from './twitch/stream.online.json' with { type: 'json' }
import xFavoriteEvents from './x/favorite_events.json' with { type: 'json' }
import xTweetCreateEvents from './x/tweet_create_events.json' with { type: 'json' }
import zoomMeetingStarted from './zoom/meeting.started.json' with { type: 'json' }
import zoomRecordingCompleted from './zoom/recording.completed.json' with { type: 'json' }

export const handshakeSamples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  asana: { 'task.added': asanaTaskAdded, 'task.changed': asanaTaskChanged },
  dropbox: { list_folder: dropboxListFolder, 'list_folder.team': dropboxListFolderTeam },
  meta: { 'page.feed': metaPageFeed, 'whatsapp_business_account.messages': metaWhatsappMessages },
  notion: { 'page.content_updated': notionPageContentUpdated, 'page.created': notionPageCreated },
  okta: { 'user.lifecycle.create': oktaUserLifecycleCreate, 'user.session.start': oktaUserSessionStart },
  twitch: { 'channel.follow': twitchChannelFollow, 'stream.online': twitchStreamOnline },
  x: { favorite_events: xFavoriteEvents, tweet_create_events: xTweetCreateEvents },
  zoom: { 'meeting.started': zoomMeetingStarted, 'recording.completed': zoomRecordingCompleted },
}
