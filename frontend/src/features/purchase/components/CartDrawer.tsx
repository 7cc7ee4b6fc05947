import { ActionIcon, Button, Divider, Drawer, Group, Stack, Text } from "@mantine/core";
import { useNavigate } from "react-router";
import { TrashIcon } from "../../../components/icons";
import { formatMoney } from "../../../components/format";
import { Empty, ErrorState, Loading, MutationError } from "../../../components/states";
import type { Cart } from "../api/keys";
import { useCreateCheckout } from "../api/useCreateCheckout";
import { useRemoveCartItem } from "../api/useRemoveCartItem";
import { useSetCartQuantity } from "../api/useSetCartQuantity";
import { QuantityControl } from "./QuantityControl";

interface Props {
  opened: boolean;
  onClose: () => void;
  cart: Cart | undefined;
  loading: boolean;
  error: unknown;
}

/** The cart pop-up: change or remove lines, then Check Out into the checkout stepper. */
export function CartDrawer({ opened, onClose, cart, loading, error }: Props) {
  const setQuantity = useSetCartQuantity();
  const remove = useRemoveCartItem();
  const checkout = useCreateCheckout();
  const navigate = useNavigate();
  const items = cart?.items ?? [];

  return (
    <Drawer opened={opened} onClose={onClose} title="Your cart" position="right" size="md">
      {loading ? (
        <Loading />
      ) : error ? (
        <ErrorState error={error} />
      ) : items.length === 0 ? (
        <Empty title="Your cart is empty">Pick a quantity on a product and Add to Cart.</Empty>
      ) : (
        <Stack gap="md">
          {items.map((item) => (
            <Stack key={item.product_id} gap={6}>
              <Group justify="space-between" wrap="nowrap">
                <div>
                  <Text fw={600}>{item.product_name}</Text>
                  <Text size="xs" c="dimmed">
                    {formatMoney(item.unit_price, cart?.currency)} per license / month
                  </Text>
                </div>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`Remove ${item.product_name} from the cart`}
                  onClick={() => remove.mutate(item.product_id)}
                  loading={remove.isPending && remove.variables === item.product_id}
                >
                  <TrashIcon size={16} />
                </ActionIcon>
              </Group>
              <Group justify="space-between">
                <QuantityControl
                  label={`${item.product_name} quantity in cart`}
                  value={item.quantity}
                  min={1}
                  onChange={(quantity) => setQuantity.mutate({ productId: item.product_id, quantity })}
                  disabled={setQuantity.isPending}
                />
                <Text fw={600}>{formatMoney(item.monthly_amount, cart?.currency)}/mo</Text>
              </Group>
              <Divider />
            </Stack>
          ))}
          <Group justify="space-between">
            <Text fw={700}>Monthly total</Text>
            <Text fw={700}>{formatMoney(cart?.monthly_total, cart?.currency)}</Text>
          </Group>
          <Text size="xs" c="dimmed">
            You are charged a prorated amount for the rest of this billing cycle; the review shows it before you confirm.
          </Text>
          <MutationError error={setQuantity.error ?? remove.error ?? checkout.error} />
          <Button
            size="md"
            loading={checkout.isPending}
            onClick={() =>
              checkout.mutate(undefined, {
                onSuccess: (created) => navigate(`/billing/checkout/${created.id}`),
              })
            }
          >
            Check Out
          </Button>
        </Stack>
      )}
    </Drawer>
  );
}
