/*
 * `GET /repos/{owner}/{repo}/contents/{path}?ref=`: a file as base64 JSON
 * (or raw bytes with a raw media type), a directory as a JSON array.
 */
import { GithubApiError, notFound } from '../http/errors';
import {
  contentFileJson,
  contentItemJson,
  directoryListingJson,
} from '../json/contents';
import { REPO, json, repoOf } from './common';
import { rawResponse, wantsObject, wantsRaw } from './rawMedia';
import type { Route } from '../http/route';

export const contentRoutes: Route[] = [
  {
    method: 'GET',
    pattern: new RegExp(`${REPO}/contents(?:/(.*))?$`),
    docs: 'repos/contents#get-repository-content',
    handle(request, context) {
      const repo = repoOf(request, context);
      const path = (request.params[2] ?? '').replace(/^\/+|\/+$/g, '');
      const ref = request.query.get('ref') || repo.defaultBranch;
      const commitSha = repo.git.resolveCommit(ref);
      const tree = commitSha ? repo.git.commit(commitSha)?.tree : undefined;
      if (!tree)
        throw new GithubApiError(404, `No commit found for the ref ${ref}`);
      const entry = repo.git.entryAt(tree, path);
      if (!entry) throw notFound();
      if (entry.type === 'tree') {
        const listing = directoryListingJson(context, repo, ref, entry);
        if (!wantsObject(request)) return json(200, listing);
        return json(200, {
          ...contentItemJson(context, repo, ref, entry),
          entries: listing,
        });
      }
      if (entry.type === 'commit')
        return json(200, contentItemJson(context, repo, ref, entry));
      const blob = repo.git.blob(entry.sha);
      if (!blob) throw notFound();
      if (wantsRaw(request)) return rawResponse(blob.content, entry.sha);
      return json(
        200,
        contentFileJson(context, repo, ref, entry, blob.content),
      );
    },
  },
];
