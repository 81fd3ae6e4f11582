import type { BasicPermission } from '@backstage/plugin-permission-common';

export declare const ANNOTATION_CLUSTER_ID: string;
export declare const ANNOTATION_PROVIDER_ID: string;
export declare const ocmClusterReadPermission: BasicPermission;
export declare const ocmEntityReadPermission: BasicPermission;
export declare const ocmEntityPermissions: BasicPermission[];
