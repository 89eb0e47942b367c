import { fileJson } from '../render';
import { SlackApiError } from '../types';
import { asBlocks, int, isObject, required, str } from '../wire';
import type { Method } from '../workspace';

export const fileMethods: Record<string, Method> = {
  'files.getUploadURLExternal': (ws, p) => {
    const filename = required(p, 'filename', 'invalid_arguments');
    const length = int(p, 'length');
    if (length === undefined || length < 0)
      throw new SlackApiError('invalid_arguments', { detail: 'length' });
    const id = ws.ids.id('F');
    ws.files.set(id, {
      id,
      filename,
      title: filename,
      length,
      content: Buffer.alloc(0),
      uploaded: false,
      completed: false,
      channel: undefined,
      thread_ts: undefined,
      initial_comment: undefined,
      ts: undefined,
      alt_text: str(p, 'alt_text'),
      snippet_type: str(p, 'snippet_type'),
    });
    return { upload_url: `${ws.config.baseUrl}/upload/${id}`, file_id: id };
  },

  'files.completeUploadExternal': (ws, p) => {
    const entries = p.files;
    if (!Array.isArray(entries) || entries.length === 0) throw new SlackApiError('invalid_arguments');
    const files = entries.map((entry) => {
      const id = isObject(entry) && typeof entry.id === 'string' ? entry.id : '';
      const file = ws.files.get(id);
      if (!file?.uploaded || file.completed) throw new SlackApiError('file_not_found');
      const title = isObject(entry) && typeof entry.title === 'string' ? entry.title : undefined;
      return { file, title };
    });
    const channelParam = str(p, 'channel_id') ?? str(p, 'channels');
    const found = channelParam ? ws.target(channelParam, { post: true, dmFromUser: true }) : undefined;
    const threadTs = found && found.id !== '' ? ws.threadRoot(found.id, str(p, 'thread_ts')) : undefined;
    const initialComment = str(p, 'initial_comment');
    const channel = found ? ws.materialize(found) : undefined;
    let ts: string | undefined;
    if (channel) {
      const message = ws.newMessage({
        channel: channel.id,
        ts: ws.ids.nextTs(),
        text: initialComment ?? '',
        blocks: asBlocks(p.blocks),
        thread_ts: threadTs,
        files: files.map(({ file }) => file.id),
        params: p,
      });
      ws.insertMessage(message);
      ts = message.ts;
    }
    for (const { file, title } of files) {
      file.completed = true;
      if (title !== undefined) file.title = title;
      file.channel = channel?.id;
      file.thread_ts = threadTs;
      file.initial_comment = initialComment;
      file.ts = ts;
    }
    return { files: files.map(({ file }) => fileJson(ws, file.id)) };
  },
};
