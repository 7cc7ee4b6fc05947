import { Badge, Button, Group } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { CartIcon } from "../../../components/icons";
import { PageHeader } from "../../../components/PageHeader";
import { Empty, ErrorState, Loading } from "../../../components/states";
import { useCan } from "../../auth/permissions";
import { useCart } from "../api/useCart";
import { useProducts } from "../api/useProducts";
import { CartDrawer } from "./CartDrawer";
import { ProductTile } from "./ProductTile";

export function PurchasePage() {
  const canBuy = useCan("billing:write");
  const products = useProducts();
  const cart = useCart(canBuy);
  const [cartOpen, { open, close }] = useDisclosure(false);
  const inCart = (productId: string) => cart.data?.items.find((i) => i.product_id === productId)?.quantity ?? 0;
  const cartCount = cart.data?.items.reduce((n, i) => n + i.quantity, 0) ?? 0;

  return (
    <>
      <PageHeader
        title="Purchase"
        description="Buy licenses for the people who need them. Prices are per license per month."
        actions={
          canBuy && (
            <Button variant="default" leftSection={<CartIcon size={16} />} onClick={open} aria-label={`Cart, ${cartCount} licenses`}>
              Cart
              {cartCount > 0 && (
                <Badge ml={8} size="sm" circle={cartCount < 10}>
                  {cartCount}
                </Badge>
              )}
            </Button>
          )
        }
      />
      {products.isPending ? (
        <Loading label="Loading products…" />
      ) : products.isError ? (
        <ErrorState error={products.error} onRetry={() => products.refetch()} />
      ) : products.data.items.filter((p) => p.active).length === 0 ? (
        <Empty title="No products are for sale right now" />
      ) : (
        <Group align="stretch" gap="lg">
          {products.data.items
            .filter((p) => p.active)
            .map((product) => (
              <ProductTile key={product.id} product={product} inCart={inCart(product.id)} onAdded={open} canBuy={canBuy} />
            ))}
        </Group>
      )}
      <CartDrawer opened={cartOpen} onClose={close} cart={cart.data} loading={cart.isPending} error={cart.error} />
    </>
  );
}
