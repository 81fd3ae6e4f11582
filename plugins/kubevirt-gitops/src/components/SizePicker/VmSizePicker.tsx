import { Flex, Select, Text } from '@backstage/ui';
import {
  ChoicesPending,
  ChoicesUpstreamErrors,
  chosenEnvironments,
  environmentsFieldOf,
  FieldErrors,
  useVmChoices,
} from './choices';
import {
  describeReportedOn,
  describeSize,
  exceededLimits,
  tooBigMessage,
} from './describeSize';
import type { VmSizePickerProps } from './schema';

/**
 * Scaffolder field `VmSizePicker`: the KubeVirt common instancetypes the
 * backend offers, as `u1.medium — 1 vCPU, 4Gi (U Series)`; sizes over the
 * limits of an environment chosen in the form (`environmentsField`) are
 * disabled with the rule they break. Its value is the instancetype name.
 *
 * @public
 */
export function VmSizePicker(props: VmSizePickerProps) {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    disabled,
    idSchema,
    formContext,
  } = props;
  const polled = useVmChoices();
  const environments = chosenEnvironments(
    formContext?.formData,
    environmentsFieldOf(uiSchema?.['ui:options']),
  );
  const label = schema.title ?? 'Size';
  const errors = rawErrors ?? [];

  if (!polled.value) {
    return (
      <ChoicesPending
        polled={polled}
        label={label}
        what="sizes"
        id={idSchema?.$id}
      />
    );
  }

  const { sizes, errors: upstreamErrors } = polled.value;
  const selected = sizes.find(size => size.name === formData);
  const options = sizes.map(size => {
    const exceeded = exceededLimits(size, environments);
    const description = [
      ...exceeded.flatMap(e => e.reasons),
      describeReportedOn(size),
    ]
      .filter(Boolean)
      .join(' · ');
    return {
      id: size.name,
      label: describeSize(size),
      ...(description ? { description } : {}),
      // the chosen size stays selectable so the warning below can explain it
      disabled: exceeded.length > 0 && size.name !== formData,
    };
  });

  return (
    <Flex direction="column" gap="1">
      {sizes.length === 0 ? (
        <Flex direction="column" gap="1" id={idSchema?.$id}>
          <Text as="span" weight="bold">
            {label}
          </Text>
          <Text as="p" variant="body-small">
            No sizes are offered: the kubevirt-gitops backend lists no KubeVirt
            common instancetypes. Check that the backend plugin is up to date.
          </Text>
        </Flex>
      ) : (
        <Select
          id={idSchema?.$id}
          label={label}
          description={schema.description}
          isRequired={required}
          isDisabled={disabled}
          isInvalid={errors.length > 0}
          placeholder="Choose a size"
          search={{ placeholder: 'Search sizes' }}
          options={options}
          value={selected ? selected.name : null}
          onChange={key => onChange(key === null ? undefined : String(key))}
        />
      )}
      {formData && !selected && sizes.length > 0 ? (
        <Text as="p" variant="body-small" color="warning">
          {formData} is not a size the backend offers; choose another.
        </Text>
      ) : null}
      {selected
        ? exceededLimits(selected, environments).map(exceeded => (
            <Text
              key={exceeded.environment}
              as="p"
              variant="body-small"
              color="warning"
            >
              {tooBigMessage(selected.name, exceeded)}
            </Text>
          ))
        : null}
      {environments.length === 0 && sizes.some(s => s.exceeds.length > 0) ? (
        <Text as="p" variant="body-small" color="secondary">
          Choose the environments first to see which sizes fit their limits.
        </Text>
      ) : null}
      <ChoicesUpstreamErrors errors={upstreamErrors} />
      <FieldErrors errors={errors} />
    </Flex>
  );
}
