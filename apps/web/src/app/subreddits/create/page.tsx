import { redirect } from "next/navigation";
import { FieldForm } from "../../_components/field-form";
import { currentActor } from "../../current-user";

export const metadata = { title: "create a community · hivemind" };

export default async function CreateCommunityPage() {
  const actor = await currentActor();
  if (!actor) redirect("/login?next=/subreddits/create");
  return (
    <div className="card form-card">
      <h1>Create a community</h1>
      <p className="muted">You become its first moderator and subscriber.</p>
      <FieldForm
        path="/api/site_admin"
        idPrefix="sr"
        submitLabel="create community"
        then="/r/{name}"
        fields={[
          { name: "name", label: "name", required: true, maxLength: 21, hint: "3 to 21 letters, digits or _; it can't be changed later.", placeholder: "e.g. gardening" },
          { name: "title", label: "title", maxLength: 100, placeholder: "shown at the top of the community" },
          { name: "public_description", label: "short description", maxLength: 500, hint: "One line, shown in the communities list." },
          { name: "description", label: "sidebar", type: "textarea", maxLength: 10240, hint: "Markdown, shown in the community's sidebar." },
        ]}
      />
    </div>
  );
}
