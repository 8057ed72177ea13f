//! Project configurations: few, read on every change, so all are kept in memory as well.
//! Keys are the raw project id: the tree holds nothing else, so no length prefix is needed.

use std::collections::HashMap;
use std::sync::Arc;

use super::{Store, StoreError, decode, encode};
use crate::domain::config::ProjectConfig;
use crate::domain::ids::ProjectId;

pub(super) fn load_all(
    tree: &sled::Tree,
) -> Result<HashMap<ProjectId, Arc<ProjectConfig>>, StoreError> {
    let mut configs = HashMap::new();
    for entry in tree.iter() {
        let (key, value) = entry?;
        let id = std::str::from_utf8(&key)
            .ok()
            .and_then(|k| ProjectId::try_from(k).ok())
            .ok_or_else(|| StoreError::Corrupt("a project key is not an id".into()))?;
        configs.insert(id, Arc::new(decode("project config", &value)?));
    }
    Ok(configs)
}

impl Store {
    pub fn config(&self, project: &ProjectId) -> Option<Arc<ProjectConfig>> {
        self.inner
            .configs
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(project)
            .cloned()
    }

    /// Stores the configuration durably, then makes it the one in use.
    pub async fn put_config(
        &self,
        project: &ProjectId,
        config: ProjectConfig,
    ) -> Result<Arc<ProjectConfig>, StoreError> {
        let config = Arc::new(config);
        {
            // Under the lock, so that the cache and the tree agree on the last of two racing writes.
            let mut configs = self
                .inner
                .configs
                .write()
                .unwrap_or_else(|e| e.into_inner());
            self.inner
                .projects
                .insert(project.as_str().as_bytes(), encode(&*config))?;
            configs.insert(project.clone(), Arc::clone(&config));
        }
        self.flushed().await?;
        Ok(config)
    }

    /// Removes the configuration; answers whether there was one.
    pub async fn delete_config(&self, project: &ProjectId) -> Result<bool, StoreError> {
        let existed = {
            let mut configs = self
                .inner
                .configs
                .write()
                .unwrap_or_else(|e| e.into_inner());
            let existed = self
                .inner
                .projects
                .remove(project.as_str().as_bytes())?
                .is_some();
            configs.remove(project);
            existed
        };
        self.flushed().await?;
        Ok(existed)
    }
}
