/* The fresh-instance benchmark's baseline: a small static program that
 * does nothing, started with fork+exec and waited for. */
int main(void)
{
	return 0;
}
