import { Flex, Select } from '@backstage/ui';
import {
  clusterAvailabilities,
  vmStates,
} from '@internal/plugin-kubevirt-gitops-common';
import { AVAILABILITY } from '../shared/statusStyles';
import type { FleetFilter } from './filterFleet';

const AVAILABILITIES = clusterAvailabilities;
const VM_STATES = vmStates;

/** The option picked, when it is one of `allowed`; else `all`. */
function pick<T extends string>(
  allowed: readonly T[],
  value: unknown,
): T | 'all' {
  return allowed.find(option => option === value) ?? 'all';
}

/** Environment, cluster availability and VM state filters of the fleet page. */
export function FleetFilters(props: {
  environments: string[];
  filter: FleetFilter;
  onChange: (filter: FleetFilter) => void;
}) {
  const { filter, onChange } = props;
  return (
    <Flex gap="3" align="end" style={{ flexWrap: 'wrap' }}>
      <Select
        label="Environment"
        style={{ minWidth: 180 }}
        options={[
          { id: 'all', label: 'All environments' },
          ...props.environments.map(env => ({ id: env, label: env })),
        ]}
        value={filter.environment}
        onChange={value =>
          onChange({ ...filter, environment: String(value ?? 'all') })
        }
      />
      <Select
        label="Cluster availability"
        style={{ minWidth: 200 }}
        options={[
          { id: 'all', label: 'Any availability' },
          ...AVAILABILITIES.map(a => ({ id: a, label: AVAILABILITY[a].label })),
        ]}
        value={filter.availability}
        onChange={value =>
          onChange({ ...filter, availability: pick(AVAILABILITIES, value) })
        }
      />
      <Select
        label="Has VMs in state"
        style={{ minWidth: 180 }}
        options={[
          { id: 'all', label: 'Any state' },
          ...VM_STATES.map(state => ({ id: state, label: state })),
        ]}
        value={filter.vmState}
        onChange={value =>
          onChange({ ...filter, vmState: pick(VM_STATES, value) })
        }
      />
    </Flex>
  );
}
