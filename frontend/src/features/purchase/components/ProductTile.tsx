import { Badge, Button, Card, Group, Stack, Text, ThemeIcon } from "@mantine/core";
import { useState } from "react";
import { ChartIcon } from "../../../components/icons";
import { formatMoney } from "../../../components/format";
import { MutationError } from "../../../components/states";
import type { Product } from "../api/keys";
import { useSetCartQuantity } from "../api/useSetCartQuantity";
import { QuantityControl } from "./QuantityControl";

interface Props {
  product: Product;
  inCart: number;
  onAdded: () => void;
  canBuy: boolean;
}

/** A catalog tile: price and the plus sign in the lower right, then Add to Cart. */
export function ProductTile({ product, inCart, onAdded, canBuy }: Props) {
  const [quantity, setQuantity] = useState(0);
  const setCart = useSetCartQuantity();

  const add = () =>
    setCart.mutate(
      { productId: product.id, quantity: inCart + quantity },
      {
        onSuccess: () => {
          setQuantity(0);
          onAdded();
        },
      },
    );

  return (
    <Card withBorder radius="md" padding="lg" component="article" aria-labelledby={`product-${product.id}`} w={380}>
      <Stack gap="sm" h="100%">
        <Group justify="space-between" align="flex-start">
          <ThemeIcon size={44} radius="md" variant="light">
            <ChartIcon size={24} />
          </ThemeIcon>
          {inCart > 0 && (
            <Badge variant="light" color="teal">
              {inCart} in cart
            </Badge>
          )}
        </Group>
        <div>
          <Text fw={700} size="lg" id={`product-${product.id}`}>
            {product.name}
          </Text>
          <Text size="sm" c="dimmed">
            {product.description}
          </Text>
        </div>
        <Group justify="space-between" align="flex-end" mt="auto" pt="sm">
          <div>
            <Text fw={700} size="xl">
              {formatMoney(product.unit_price, product.currency)}
            </Text>
            <Text size="xs" c="dimmed">
              per license / month
            </Text>
          </div>
          {canBuy && <QuantityControl label={`${product.name} quantity`} value={quantity} onChange={setQuantity} />}
        </Group>
        <MutationError error={setCart.error} />
        {canBuy && (
          <Button onClick={add} disabled={quantity < 1} loading={setCart.isPending} fullWidth>
            Add to Cart
          </Button>
        )}
      </Stack>
    </Card>
  );
}
