/** Every Web API method the fake answers, by family. */
import type { Method } from '../workspace';
import { authMethods } from './auth';
import { chatMethods } from './chat';
import { conversationMethods } from './conversations';
import { fileMethods } from './files';
import { pinReactionBookmarkMethods } from './pins-reactions-bookmarks';
import { userMethods } from './users';
import { viewMethods } from './views';

export const methods: ReadonlyMap<string, Method> = new Map(
  Object.entries({
    ...authMethods,
    ...chatMethods,
    ...conversationMethods,
    ...viewMethods,
    ...userMethods,
    ...fileMethods,
    ...pinReactionBookmarkMethods,
  }),
);
