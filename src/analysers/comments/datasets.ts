import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../../core/paths.js';
import { parsePosts } from '../../ingest/posts.js';

/**
 * TweepFake (Fagni et al., PLOS ONE 2021) read at run time from ../shared/data/tweepfake:
 * tweets of 40 accounts, 23 of them bots imitating a human account with GPT-2, RNN or other
 * generators. Used to train and evaluate the machine-written signal; never copied into the repo.
 */

export interface Tweet {
  account: string;
  text: string;
  machine: boolean;
  /** human, gpt2, rnn or others */
  generator: string;
}

export function tweepfakeFolder(): string {
  return path.resolve(packageRoot(), '../shared/data/tweepfake');
}

export function hasTweepfake(part: 'train' | 'validation'): boolean {
  return existsSync(path.join(tweepfakeFolder(), `${part}.csv`));
}

/** One split; whitespace collapsed as in a comment section, empty texts dropped. */
export function loadTweepfake(part: 'train' | 'validation'): Tweet[] {
  const file = path.join(tweepfakeFolder(), `${part}.csv`);
  const posts = parsePosts(readFileSync(file, 'utf8'), `${part}.csv`, {
    columns: { author: 'screen_name', text: 'text', platform: 'account.type', parent: 'class_type' },
  });
  return posts
    .map((p) => ({ account: p.author, text: p.text.replace(/\s+/g, ' ').trim(), machine: p.platform === 'bot', generator: p.parent ?? '' }))
    .filter((t) => t.text !== '');
}

export function youtubeFolder(): string {
  return path.resolve(packageRoot(), '../shared/data/youtube-spam-collection');
}

/** Comments of one YouTube Spam Collection file (Alberto et al. 2015, CC BY 4.0): human-written, ham or spam. */
export function loadYoutubeComments(file: string): Array<{ text: string; spam: boolean }> {
  const full = path.join(youtubeFolder(), file);
  if (!existsSync(full)) return [];
  const posts = parsePosts(readFileSync(full, 'utf8'), file, { columns: { author: 'AUTHOR', text: 'CONTENT', platform: 'CLASS' } });
  return posts.map((p) => ({ text: p.text.replace(/\s+/g, ' ').trim(), spam: p.platform === '1' })).filter((c) => c.text !== '');
}

/** Files whose comments may be used as human examples in training; the others are kept for measuring. */
export const YOUTUBE_TRAIN_FILES = ['Youtube01-Psy.csv', 'Youtube02-KatyPerry.csv', 'Youtube03-LMFAO.csv'];
export const YOUTUBE_HELD_FILES = ['Youtube04-Eminem.csv'];
