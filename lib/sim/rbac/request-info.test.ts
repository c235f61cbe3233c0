// RequestInfo: the (verb, group, resource, subresource, namespace, name) RBAC decides on, as
// kube-apiserver derives them from method and URL.

import { describe, expect, it } from 'vitest';
import { requestInfo } from './request-info.ts';

const info = (method: string, path: string) => requestInfo(method, new URL(path, 'http://x'));

describe('requestInfo', () => {
  it.each([
    ['GET', '/api/v1/namespaces/default/pods', 'list', '', 'pods', '', 'default', ''],
    ['GET', '/api/v1/namespaces/default/pods?watch=true&resourceVersion=5', 'watch', '', 'pods', '', 'default', ''],
    ['GET', '/api/v1/namespaces/default/pods?watch=1', 'watch', '', 'pods', '', 'default', ''],
    ['GET', '/api/v1/namespaces/default/pods?watch=false', 'list', '', 'pods', '', 'default', ''],
    ['GET', '/api/v1/watch/namespaces/default/pods', 'watch', '', 'pods', '', 'default', ''],
    ['GET', '/api/v1/namespaces/default/pods/web-0', 'get', '', 'pods', '', 'default', 'web-0'],
    ['GET', '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb-0', 'list', '', 'pods', '', 'default', 'web-0'],
    ['DELETE', '/api/v1/namespaces/default/pods/web-0', 'delete', '', 'pods', '', 'default', 'web-0'],
    ['DELETE', '/api/v1/namespaces/default/pods?labelSelector=app%3Dnginx', 'deletecollection', '', 'pods', '', 'default', ''],
    ['POST', '/api/v1/namespaces/default/pods', 'create', '', 'pods', '', 'default', ''],
    ['PUT', '/api/v1/namespaces/default/pods/web-0/status', 'update', '', 'pods', 'status', 'default', 'web-0'],
    ['PATCH', '/apis/apps/v1/namespaces/default/statefulsets/web/scale', 'patch', 'apps', 'statefulsets', 'scale', 'default', 'web'],
    ['GET', '/apis/apps/v1/namespaces/default/statefulsets/web/scale', 'get', 'apps', 'statefulsets', 'scale', 'default', 'web'],
    ['PATCH', '/apis/apps/v1/namespaces/default/statefulsets/web', 'patch', 'apps', 'statefulsets', '', 'default', 'web'],
    ['GET', '/api/v1/persistentvolumes?watch=true', 'watch', '', 'persistentvolumes', '', '', ''],
    ['GET', '/apis/storage.k8s.io/v1/storageclasses', 'list', 'storage.k8s.io', 'storageclasses', '', '', ''],
    ['GET', '/api/v1/namespaces', 'list', '', 'namespaces', '', '', ''],
    ['GET', '/api/v1/namespaces/kube-system', 'get', '', 'namespaces', '', 'kube-system', 'kube-system'],
    ['PUT', '/api/v1/namespaces/old/finalize', 'update', '', 'namespaces', 'finalize', 'old', 'old'],
  ])('%s %s', (method, path, verb, apiGroup, resource, subresource, namespace, name) => {
    expect(info(method, path)).toMatchObject({ isResourceRequest: true, verb, apiGroup, resource, subresource, namespace, name });
  });

  it.each([
    ['GET', '/api', 'get'],
    ['GET', '/apis/apps/v1', 'get'],
    ['GET', '/apis/apps', 'get'],
    ['GET', '/version', 'get'],
    ['GET', '/openapi/v3/apis/apps/v1', 'get'],
    ['POST', '/healthz', 'post'],
  ])('%s %s is a non-resource request', (method, path, verb) => {
    expect(info(method, path)).toMatchObject({ isResourceRequest: false, verb, path });
  });
});
