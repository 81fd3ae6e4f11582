import { Flex, Select, Text } from '@backstage/ui';
import {
  ChoicesPending,
  ChoicesUpstreamErrors,
  chosenEnvironments,
  environmentsFieldOf,
  FieldErrors,
  useVmChoices,
} from '../SizePicker/choices';
import {
  describeReportedOn,
  describeUncatalogued,
  disallowingEnvironments,
  imageLabel,
  notAllowedReason,
} from './describeImage';
import type { VmImagePickerProps } from './schema';

/**
 * Scaffolder field `VmImagePicker`: the configured image catalog with each
 * image's source and the clusters where the fleet has it; images an
 * environment chosen in the form (`environmentsField`) does not allow are
 * disabled. Its value is the catalog id.
 *
 * @public
 */
export function VmImagePicker(props: VmImagePickerProps) {
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
  const label = schema.title ?? 'Image';
  const errors = rawErrors ?? [];

  if (!polled.value) {
    return (
      <ChoicesPending
        polled={polled}
        label={label}
        what="images"
        id={idSchema?.$id}
      />
    );
  }

  const { images, uncataloguedImages, errors: upstreamErrors } = polled.value;
  const selected = images.find(image => image.id === formData);
  const options = images.map(image => {
    const disallowing = disallowingEnvironments(image, environments);
    const description = [
      image.source,
      describeReportedOn(image),
      disallowing.length > 0 ? notAllowedReason(disallowing) : undefined,
    ]
      .filter(Boolean)
      .join(' · ');
    return {
      id: image.id,
      label: imageLabel(image),
      description,
      // the chosen image stays selectable so the warning below can explain it
      disabled: disallowing.length > 0 && image.id !== formData,
    };
  });
  const selectedDisallowing = selected
    ? disallowingEnvironments(selected, environments)
    : [];

  return (
    <Flex direction="column" gap="1">
      {images.length === 0 ? (
        <Flex direction="column" gap="1" id={idSchema?.$id}>
          <Text as="span" weight="bold">
            {label}
          </Text>
          <Text as="p" variant="body-small">
            No images are configured (kubevirtGitops.gitops.images).
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
          placeholder="Choose an image"
          search={{ placeholder: 'Search images' }}
          options={options}
          value={selected ? selected.id : null}
          onChange={key => onChange(key === null ? undefined : String(key))}
        />
      )}
      {formData && !selected && images.length > 0 ? (
        <Text as="p" variant="body-small" color="warning">
          {formData} is not in the image catalog; choose another.
        </Text>
      ) : null}
      {selected ? (
        <Text as="p" variant="body-small" color="secondary">
          {[selected.source, describeReportedOn(selected)]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      ) : null}
      {selected && selected.reportedOn?.length === 0 ? (
        <Text as="p" variant="body-small" color="warning">
          No cluster reports this DataSource: a VM may not boot until the
          clusters import it.
        </Text>
      ) : null}
      {selected && selectedDisallowing.length > 0 ? (
        <Text as="p" variant="body-small" color="warning">
          {selected.title} is {notAllowedReason(selectedDisallowing)}.
        </Text>
      ) : null}
      {uncataloguedImages.length > 0 ? (
        <Text as="p" variant="body-small" color="secondary">
          {describeUncatalogued(uncataloguedImages)}
        </Text>
      ) : null}
      <ChoicesUpstreamErrors errors={upstreamErrors} />
      <FieldErrors errors={errors} />
    </Flex>
  );
}
